/**
 * Process crash reports arriving as D-Bus signals from a crash reporter, handed to the host (the
 * daemon feeds them to the engine for process friends).
 */
package io.recoverymanager.systemd.crash;
