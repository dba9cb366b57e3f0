/**
 * The executors of data resets and system-level actions: argv command templates run without a
 * shell ({@link io.recoverymanager.dispatch.exec.CommandRunner}), the built-in safe data-directory
 * reset ({@link io.recoverymanager.dispatch.exec.DirectoryReset}) and the executor that combines
 * them with the service-manager port ({@link io.recoverymanager.dispatch.exec.LocalActionExecutor}).
 */
package io.recoverymanager.dispatch.exec;
