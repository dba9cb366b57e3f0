#!/bin/bash
# End-to-end restart benchmark against a real, sandboxed `systemd --user` (private mount namespace,
# its own session bus; the host's systemd is not touched).
#
# Measures, in the same run:
#   - systemd's own Restart=on-failure RestartSec=0: main process exit -> restarted instance start
#   - the same service with Restart=no, restarted by the recovery manager's systemd adapter
#     (serviceFailed -> restart), and the ratio of the two (median, p95)
#   - a storm: N services failing at once, all restarted; time until the last one started again
#
# Needs: root (unshare -m, tmpfs on /run/systemd), systemd, dbus-daemon, Java 17, Maven.
# Usage: bench/e2e-restart.sh [--iterations 50] [--warmup 5] [--storm 200] [--bus bus|private]
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"

if [[ $(id -u) -ne 0 ]]; then
    echo "e2e-restart.sh: needs root for the systemd sandbox (unshare -m, mount)" >&2
    exit 1
fi

classpath_file=recovery-bench/target/e2e.classpath
mvn -B -q -pl recovery-bench -am -DskipTests -Dspotless.check.skip=true -Denforcer.skip=true \
    compile dependency:build-classpath -Dmdep.outputFile=target/e2e.classpath -Dmdep.includeScope=runtime

exec java -cp "recovery-bench/target/classes:$(cat "$classpath_file")" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    io.recoverymanager.bench.e2e.EndToEndRestartBenchmark "$@"
