/**
 * Dispatch: the core's {@link io.recoverymanager.core.spi.SystemActions} port ({@link
 * io.recoverymanager.dispatch.DispatchingSystemActions}) for masters and slaves, and the run-mode
 * decision ({@link io.recoverymanager.dispatch.RunMode}, {@link
 * io.recoverymanager.dispatch.RunModeDetector}). Depends on the core only; the daemon passes in the
 * service manager, the outbox and the history journal.
 */
package io.recoverymanager.dispatch;
