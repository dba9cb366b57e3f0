/**
 * The production bindings of the command line, found by {@link java.util.ServiceLoader} (so the
 * command line depends on its small launcher interfaces only): {@code run} starts the daemon until
 * a signal stops it, {@code demo} runs the live demo, {@code status} and {@code history} open the
 * store read-only. {@link io.recoverymanager.daemon.launch.Main} is the process entry point: the
 * daemon's logging first, then the command line.
 */
package io.recoverymanager.daemon.launch;
