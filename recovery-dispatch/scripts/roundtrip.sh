#!/bin/sh
# Measures a forwarded request's round trip (slave -> master -> ack) over a real AF_UNIX socket
# against the frame codec alone, in one JVM run. Usage: recovery-dispatch/scripts/roundtrip.sh [n]
set -eu
cd "$(dirname "$0")/../.."
mvn -B -q -pl recovery-dispatch -am test-compile -o
mvn -B -q -pl recovery-dispatch dependency:build-classpath -Dmdep.outputFile=target/probe.cp -o >/dev/null
cp="recovery-dispatch/target/test-classes:recovery-dispatch/target/classes:recovery-core/target/classes:$(cat recovery-dispatch/target/probe.cp)"
exec java -Xlog:disable -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" io.recoverymanager.dispatch.RoundTripProbe "${1:-5000}"
