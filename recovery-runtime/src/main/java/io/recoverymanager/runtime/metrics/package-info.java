/**
 * Prometheus metrics written as a textfile for node_exporter's textfile collector: failures,
 * actions by type, rvector per service, exhausted ladders, recoveries, meditation.
 */
package io.recoverymanager.runtime.metrics;
