/**
 * Read-only views of the recovery state for operators: the {@code status} table and the {@code
 * history} listing, as text and as JSON, computed from the {@link io.recoverymanager.core.spi.RecoveryStore}
 * port alone.
 */
package io.recoverymanager.daemon.view;
