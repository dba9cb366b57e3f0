/**
 * A real, private {@code systemd --user} manager with its own session bus ({@link
 * io.recoverymanager.testkit.sandbox.SystemdSandbox}) for integration tests and benchmarks of the
 * systemd adapter.
 */
package io.recoverymanager.testkit.sandbox;
