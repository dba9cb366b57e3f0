/**
 * Decorators of the {@link io.recoverymanager.core.spi.RecoveryStore} port that any host of the
 * engine can wrap around its store; pure Java, no I/O and no threads of their own.
 */
package io.recoverymanager.core.store;
