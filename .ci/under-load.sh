#!/usr/bin/env bash
# Runs .ci/run N times in a row (default 3) on fresh clones of HEAD, beside two CPU-burning
# processes, and prints one line per run: the test command must hold on a loaded machine.
#   .ci/under-load.sh [RUNS] [WORK_DIR]
# Logs go to WORK_DIR/runK.log (default WORK_DIR: a new directory under /tmp). Do not start it
# under nohup: an ignored SIGHUP is inherited by every process started below it.
set -euo pipefail
runs=${1:-3}
work=${2:-$(mktemp -d /tmp/ci-under-load.XXXXXX)}
repo=$(cd "$(dirname "$0")/.." && pwd)
yes >/dev/null &
burner1=$!
yes >/dev/null &
burner2=$!
trap 'kill "$burner1" "$burner2" 2>/dev/null || true' EXIT
echo "under load: $runs runs of .ci/run on $(git -C "$repo" rev-parse --short HEAD), burners $burner1 $burner2, logs in $work"
failed=0
for i in $(seq 1 "$runs"); do
    rm -rf "$work/clone$i"
    git clone -q "$repo" "$work/clone$i"
    start=$(date +%s)
    if (cd "$work/clone$i" && bash .ci/run >"$work/run$i.log" 2>&1); then rc=0; else rc=$?; failed=1; fi
    echo "run $i: rc=$rc in $(($(date +%s) - start)) s; $(grep -E '^\[(INFO|ERROR)\] Tests run:' "$work/run$i.log" | grep -vc ' in ') test summaries"
    grep '<<< FAIL' "$work/run$i.log" | sed 's/^/    /' || true
done
exit "$failed"
