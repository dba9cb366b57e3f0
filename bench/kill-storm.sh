#!/bin/bash
# Kill storm: the packaged daemon is killed with SIGKILL at random moments while it handles a storm
# of failing services (each fails on its first three starts; ladder restart-service,
# reset-public-data, restart-service), restarted, and at the end checked: every service runs, no
# failure counted twice, no pending action left, every data reset ran at most once and never
# without its history row. Runs KillStormIT (the CI runs it with 10 kills) with more kills.
#
# Needs: root (systemd sandbox), systemd, dbus-daemon, Java 17, Maven.
# Usage: bench/kill-storm.sh [--kills 50] [--services 40] [--seed N]
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"

kills=50
services=40
seed=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --kills) kills="$2"; shift 2 ;;
        --services) services="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        *) echo "kill-storm.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done

if [[ $(id -u) -ne 0 ]]; then
    echo "kill-storm.sh: needs root for the systemd sandbox (unshare -m, mount)" >&2
    exit 1
fi

rm -f recovery-daemon/target/kill-storm.txt
RMGR_KILL_STORM_KILLS="$kills" RMGR_KILL_STORM_SERVICES="$services" RMGR_KILL_STORM_SEED="$seed" \
    mvn -B -q -pl recovery-daemon -am verify -Dspotless.check.skip=true \
    -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=KillStormIT -Dfailsafe.failIfNoSpecifiedTests=false
cat recovery-daemon/target/kill-storm.txt
