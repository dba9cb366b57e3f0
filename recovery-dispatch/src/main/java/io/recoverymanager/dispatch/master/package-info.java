/**
 * The master side of dispatch: {@link io.recoverymanager.dispatch.master.MasterServer} listens on
 * the AF_UNIX socket, authenticates slaves by kernel peer credentials, binds each connection to the
 * context it claimed at hello, runs their system actions once each ({@link
 * io.recoverymanager.dispatch.master.RequestLedger}) and relays failure and crash notices.
 */
package io.recoverymanager.dispatch.master;
