#!/bin/bash
# Issue 14's closing transcript: the C config and units converted and checked, then the packaged
# daemon on a sandboxed systemd with a ladder ending in restart-platform, "rebooted" in a loop.
L=${LAUNCHER:?}
T=${WORK:-/tmp/rm-transcript}
cd $T
show() { echo "\$ $*"; "$@" 2>&1 | sed "s|$T|.|g"; echo "(exit ${PIPESTATUS[0]})"; echo; }
export PATH=$(dirname $L):$PATH
show recoverymanager convert recoverymanager.conf --output etc
show cat etc/recoverymanager.toml
show recoverymanager convert echos1.recovery sample.recovery --output units
show recoverymanager check --config etc/recoverymanager.toml units
# ---- part 2: a sandboxed systemd, a ladder ending in restart-platform, a reboot loop
S=$T/sbx; mkdir -p $S/run $S/cfg/systemd/user $S/data/systemd/user
setsid unshare -m --propagation private /bin/bash ${START_SCRIPT:?} $S/run $S/cfg $S/data "" > $S/log 2>&1 < /dev/null &
SBX=$!
for i in $(seq 1 100); do [ -S $S/run/bus ] && XDG_RUNTIME_DIR=$S/run systemctl --user is-system-running >/dev/null 2>&1 && break; sleep 0.2; done
printf '[Service]\nExecStart=/bin/sh -c "sleep 0.3; exit 3"\n' > $S/data/systemd/user/kiosk.service
XDG_RUNTIME_DIR=$S/run systemctl --user daemon-reload
mkdir -p $T/demo/units && chmod 700 $T/demo/units
printf '#!/bin/sh\necho "reboot requested for $2 at $(date +%%T)" >> %s/demo/reboots.log\n' "$T" > $T/demo/fake-reboot.sh; chmod 755 $T/demo/fake-reboot.sh
cat > $T/demo/recoverymanager.toml <<TOML
run-mode = "master"
context = "ecu1"
units-dir = "$T/demo/units"
state-dir = "$T/demo/state"
runtime-dir = "$T/demo/run"
bus = "unix:path=$S/run/bus"
[commands]
platform-restart = ["$T/demo/fake-reboot.sh", "\${context}", "\${service}"]
[budget]
restart-platform = 3
restart-platform-window = "1h"
TOML
cat > $T/demo/units/kiosk.toml <<TOML
service = "kiosk.service"
relax-time = "10min"
[[action]]
type = "restart-platform"
retry = 100
TOML
chmod 644 $T/demo/units/kiosk.toml
show cat demo/units/kiosk.toml
for boot in 1 2 3 4; do
    echo "---- boot $boot: the daemon starts, kiosk.service fails"
    recoverymanager run --config $T/demo/recoverymanager.toml > $T/demo/daemon-$boot.log 2>&1 &
    D=$!
    for i in $(seq 1 300); do grep -q "ready:" $T/demo/daemon-$boot.log && break; sleep 0.1; done
    XDG_RUNTIME_DIR=$S/run systemctl --user start --no-block kiosk.service
    for i in $(seq 1 300); do grep -qE "action-done kiosk|held kiosk" $T/demo/daemon-$boot.log && break; sleep 0.1; done
    sleep 1
    grep -E "failure kiosk|action kiosk|action-done kiosk|held kiosk" $T/demo/daemon-$boot.log | cut -c12- | sed "s|$T|.|g"
    if [ $boot = 4 ]; then show recoverymanager status --config $T/demo/recoverymanager.toml; fi
    kill $D; wait $D 2>/dev/null
    rm -f $T/demo/run/instance-boot-id   # a reboot empties /run
    echo
done
show cat demo/reboots.log
show recoverymanager history --config $T/demo/recoverymanager.toml --kind held
show recoverymanager explain --config $T/demo/recoverymanager.toml kiosk.service
kill $SBX; wait $SBX 2>/dev/null
