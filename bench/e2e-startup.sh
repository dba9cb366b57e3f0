#!/bin/bash
# Issue 11, P5: the packaged daemon's start with 100 recovery units against a sandboxed systemd:
# exec -> READY (its "ready:" line, logged right after sd_notify READY=1) and VmRSS after 10 s idle,
# five starts in a row (one state directory, as after a reboot), medians; then its idle CPU over
# 60 s. A thin wrapper of bench/e2e-storm.sh without the latency rounds and the storm; any of its
# options may be added (later ones win), such as --java-opts "-Xlog:class+load:file=/tmp/cl.txt".
# Usage: bench/e2e-startup.sh [--starts 5] [--idle-units 100] [--idle-seconds 10] [--idle-cpu-seconds 60]
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/e2e-storm.sh" --rounds 0 --storm 0 --starts 5 --idle-units 100 \
    --idle-seconds 10 --idle-cpu-seconds 60 "$@"
