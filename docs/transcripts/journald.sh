#!/bin/bash
# A real systemd-journald receives the daemon's entries: journald runs in a private mount namespace
# (its own /run/systemd/journal and /run/log/journal), the packaged daemon on a sandboxed systemd
# logs to its socket ([logging] target = "journal", journal-socket), and journalctl finds the
# system action by MESSAGE_ID. Run as root from a built tree: docs/transcripts/journald.sh
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
L=$ROOT/recovery-daemon/target/recoverymanager/bin/recoverymanager
SS=$ROOT/recovery-testbed/src/main/resources/io/recoverymanager/testkit/sandbox/start-user-manager.sh
W=$(mktemp -d /tmp/rm-journald.XXXXXX)
cat > $W/journald.sh <<'EOF'
#!/bin/bash
set -e
mount -t tmpfs tmpfs /run/systemd && mount -t tmpfs tmpfs /run/log
mkdir -p /run/systemd/journal /run/log/journal
exec /lib/systemd/systemd-journald
EOF
chmod +x $W/journald.sh
setsid unshare -m --propagation private $W/journald.sh > $W/journald.log 2>&1 < /dev/null & JP=$!
mkdir -p $W/sbx/run $W/sbx/cfg/systemd/user $W/sbx/data/systemd/user $W/units; chmod 700 $W/units
setsid unshare -m --propagation private /bin/bash $SS $W/sbx/run $W/sbx/cfg $W/sbx/data "" > $W/sbx.log 2>&1 < /dev/null & SBX=$!
trap 'kill $SBX $JP 2>/dev/null || true' EXIT
for i in $(seq 1 100); do [ -S $W/sbx/run/bus ] && [ -S /proc/$JP/root/run/systemd/journal/socket ] && break; sleep 0.2; done
printf '[Service]\nExecStart=/bin/sh -c "sleep 0.3; exit 3"\n' > $W/sbx/data/systemd/user/app.service
XDG_RUNTIME_DIR=$W/sbx/run systemctl --user daemon-reload
printf '#!/bin/sh\necho reboot >> %s/reboots.log\n' $W > $W/reboot.sh; chmod 755 $W/reboot.sh
printf 'service = "app.service"\nrelax-time = "10min"\n[[action]]\ntype = "restart-service"\n[[action]]\ntype = "restart-platform"\n' > $W/units/app.toml
chmod 644 $W/units/app.toml
cat > $W/rm.toml <<EOF
run-mode = "master"
context = "ecu9"
units-dir = "$W/units"
state-dir = "$W/state"
runtime-dir = "$W/run"
bus = "unix:path=$W/sbx/run/bus"
[commands]
platform-restart = ["$W/reboot.sh"]
[logging]
target = "journal"
journal-socket = "/proc/$JP/root/run/systemd/journal/socket"
EOF
$L run --config $W/rm.toml > $W/daemon.log 2>&1 & D=$!
for i in $(seq 1 300); do [ -S $W/run/control.sock ] && break; sleep 0.1; done
XDG_RUNTIME_DIR=$W/sbx/run systemctl --user start --no-block app.service
for i in $(seq 1 300); do [ -s $W/reboots.log ] && break; sleep 0.1; done
sleep 1; kill $D; wait $D || true
J=/proc/$JP/root/run/log/journal/$(ls /proc/$JP/root/run/log/journal/ | head -1)
echo "\$ journalctl MESSAGE_ID=d5b8e3a1f2c94e07a6b3c8d1e0f7a952 -o verbose   (every system action)"
journalctl -D "$J" MESSAGE_ID=d5b8e3a1f2c94e07a6b3c8d1e0f7a952 -o verbose --no-pager | grep -E "^    (MESSAGE|MESSAGE_ID|PRIORITY|SYSLOG_IDENTIFIER|RECOVERY_[A-Z_]+)=" | sed "s|$W|.|g"
echo
echo "\$ journalctl RECOVERY_SERVICE=app.service -o cat   (everything about one service)"
journalctl -D "$J" RECOVERY_SERVICE=app.service -o cat --no-pager | sed "s|$W|.|g"
echo
echo "daemon's own stderr while logging to the journal: $(wc -l < $W/daemon.log) lines"
