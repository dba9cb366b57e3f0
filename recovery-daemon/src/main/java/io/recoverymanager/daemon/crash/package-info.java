/**
 * Process crash reports arriving as D-Bus signals from a crash reporter, fed to the engine for
 * process friends.
 */
package io.recoverymanager.daemon.crash;
