/**
 * The daemon's runtime pieces around the engine: the system event loop (one thread) and the
 * history recorder that writes events to the store without slowing the failure path.
 */
package io.recoverymanager.daemon.runtime;
