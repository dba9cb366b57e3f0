/**
 * End-to-end benchmarks against a real, sandboxed systemd (run by {@code bench/e2e-restart.sh}),
 * as opposed to the in-process JMH benchmarks.
 */
package io.recoverymanager.bench.e2e;
