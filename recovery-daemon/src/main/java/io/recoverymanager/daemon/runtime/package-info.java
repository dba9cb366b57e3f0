/**
 * The daemon's lifecycle pieces around the engine: the runtime directory it prepares at start, the
 * status line of held requests, and the crash points crash tests arm (decorators applied at the
 * wiring, never in the core).
 */
package io.recoverymanager.daemon.runtime;
