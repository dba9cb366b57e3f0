/**
 * The core's {@link io.recoverymanager.core.spi.RecoveryStore} and {@link
 * io.recoverymanager.core.spi.Outbox} ports on one embedded SQLite file ({@code
 * <state-dir>/recoverymanager.db}): ingested units, durable rvectors, meditation, the event history
 * and the slave's outbox.
 *
 * <p>Start with {@link io.recoverymanager.store.sqlite.SqliteRecoveryStore#open}.
 */
package io.recoverymanager.store.sqlite;
