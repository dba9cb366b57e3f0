/**
 * What a host process needs around the pure core, for the daemon and for vendors who embed the
 * engine: {@link io.recoverymanager.runtime.Recovery} wires the ports to the production event loop
 * ({@link io.recoverymanager.runtime.SingleThreadEventLoop}), the history recorder, the unit
 * directory loader (one unit per service, trusted files only) and the boot marker.
 */
package io.recoverymanager.runtime;
