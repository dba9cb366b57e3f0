#!/bin/sh
# Installs the built .deb into a throw-away Debian 12 root and boots that root with
# systemd-nspawn, then checks that the unit is enabled, started and ready, and that the daemon
# restarts a failing service. Needs root, debootstrap and systemd-container (installed when
# missing) and Debian's package archive. Not part of `mvn verify` (it downloads a whole system);
# run it by hand after `mvn -B -DskipTests package`:
#   sudo recovery-daemon/packaging/deb/test-install.sh [ROOT_DIR]
set -eu

here="$(cd "$(dirname "$0")" && pwd)"
deb="$(ls "$here"/../../target/recoverymanager_*_all.deb | head -n 1)"
root="${1:-/var/tmp/recoverymanager-deb-test}"
machine="rmgr-deb-test"

need=""
command -v debootstrap >/dev/null 2>&1 || need="$need debootstrap"
command -v systemd-nspawn >/dev/null 2>&1 || need="$need systemd-container"
if [ -n "$need" ]; then
    apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need
fi

if [ ! -x "$root/usr/bin/java" ]; then
    rm -rf "$root"
    echo "== debootstrap bookworm into $root"
    debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus,default-jre-headless \
        bookworm "$root" http://deb.debian.org/debian >/dev/null
fi

echo "== dpkg -i $(basename "$deb") (clean root: no systemd running, so the unit is only enabled)"
cp "$deb" "$root/tmp/recoverymanager.deb"
chroot "$root" dpkg -i /tmp/recoverymanager.deb
chroot "$root" dpkg -s recoverymanager | grep -E '^(Status|Version):'

# A service that fails, and its recovery unit: the daemon must restart it.
cat > "$root/etc/systemd/system/flaky.service" <<'UNIT'
[Service]
ExecStart=/bin/sh -c 'echo started >> /var/tmp/flaky.starts; sleep 2; exit 3'
UNIT
cat > "$root/etc/recoverymanager/units/flaky.toml" <<'UNIT'
service = "flaky.service"
relax-time = "60s"
[[action]]
type = "restart-service"
retry = 100
UNIT
ln -sf /etc/systemd/system/flaky.service "$root/etc/systemd/system/multi-user.target.wants/flaky.service"
ln -sf /usr/lib/systemd/system/recoverymanager.service \
    "$root/etc/systemd/system/multi-user.target.wants/recoverymanager.service"
rm -f "$root/var/tmp/flaky.starts"

echo "== boot the root with systemd-nspawn"
# --register=no --keep-unit: the host need not run systemd or systemd-machined for this.
systemd-nspawn --quiet --register=no --keep-unit -D "$root" -M "$machine" --boot >"$root.console.log" 2>&1 &
nspawn=$!
cleanup() {
    kill -TERM "$nspawn" 2>/dev/null || true
    wait "$nspawn" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

# The container's PID 1 (its systemd) is nspawn's child; commands run inside through nsenter.
init=""
for _ in $(seq 1 60); do
    init="$(pgrep -P "$nspawn" | head -n 1 || true)"
    [ -n "$init" ] && break
    sleep 1
done
[ -n "$init" ] || { cat "$root.console.log"; exit 1; }
inside() { nsenter -t "$init" -a "$@"; }

state=""
for _ in $(seq 1 120); do
    state="$(inside systemctl is-active recoverymanager.service 2>/dev/null || true)"
    [ "$state" = "active" ] && break
    sleep 1
done
echo "recoverymanager.service: ${state:-unknown}"
[ "$state" = "active" ] || { tail -n 40 "$root.console.log"; exit 1; }

starts=0
for _ in $(seq 1 60); do
    starts="$(wc -l < "$root/var/tmp/flaky.starts" 2>/dev/null || echo 0)"
    [ "$starts" -ge 3 ] && break
    sleep 1
done
echo "flaky.service started $starts times (systemd itself never restarts it)"
inside journalctl -u recoverymanager.service --no-pager -n 15 || true
[ "$starts" -ge 3 ]
echo "== install test passed"
