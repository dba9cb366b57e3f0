/**
 * The fake-systemd testkit: fakes of every core port, virtual time, a recording listener and
 * fluent assertions, so recovery policies can be tested without systemd, SQLite or sockets.
 *
 * <p>Start with {@link io.recoverymanager.testkit.RecoveryHarness}.
 */
package io.recoverymanager.testkit;
