#!/bin/bash
# The end-to-end yardstick of issue 11: the PACKAGED daemon (recoverymanager run, master, default
# config, synchronous=FULL) against a sandboxed real systemd, next to systemd's own
# Restart=on-failure RestartSec=0, in one run: single-failure latency (alternating rounds), a storm
# of N template instances (and N twins restarted by systemd), READY time and idle RSS.
# Services stamp their own times; see bench/README.md.
#
# Needs: root (unshare -m, tmpfs on /run/systemd), systemd, dbus-daemon, flock, Java 17, Maven.
# Usage: bench/e2e-storm.sh [--rounds 2] [--round-seconds 8] [--storm 200] [--storm-rounds 1]
#                           [--idle-units 100] [--starts 1] [--idle-seconds 3] [--idle-cpu-seconds 0]
#                           [--java-opts "-XX:StartFlightRecording=..."] [--bus bus|private]
#        RMGR_BENCH_SKIP_BUILD=1 uses the launcher and classes already built.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"

if [[ $(id -u) -ne 0 ]]; then
    echo "e2e-storm.sh: needs root for the systemd sandbox (unshare -m, mount)" >&2
    exit 1
fi

classpath_file=recovery-bench/target/e2e.classpath
if [[ -z "${RMGR_BENCH_SKIP_BUILD:-}" ]]; then
    # recovery-bench never depends on the daemon (issue 12): name it to package the launcher too.
    mvn -B -q -pl recovery-bench,recovery-daemon -am -DskipTests -Dspotless.check.skip=true \
        package dependency:build-classpath -Dmdep.outputFile=target/e2e.classpath -Dmdep.includeScope=runtime
fi

exec java -cp "recovery-bench/target/classes:$(cat "$classpath_file")" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    io.recoverymanager.bench.e2e.PackagedStormBenchmark "$@"
