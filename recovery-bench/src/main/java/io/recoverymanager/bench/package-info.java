/**
 * JMH benchmarks of the in-process hot paths: the engine's failure-to-decision path and the
 * store's durable commits and unit syncs. Run them with {@code recovery-bench/run-bench.sh}.
 */
package io.recoverymanager.bench;
