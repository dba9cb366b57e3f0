#!/usr/bin/env bash
# Builds the benchmarks jar and runs the SQLite store benchmarks: durable failure commits per
# second (synchronous=FULL vs NORMAL, same run) and sync of 10,000 units (first ingest, unchanged
# re-sync), then the CPU-time probe of the same syncs (wall time on an overloaded machine mostly
# measures waiting for a core). Run from anywhere; extra arguments go to JMH.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package -pl recovery-bench -am
java -jar recovery-bench/target/benchmarks.jar 'Store.*' -wi 2 -i 3 -f 1 "$@"
java -cp recovery-bench/target/benchmarks.jar io.recoverymanager.bench.StoreSyncCpuProbe
