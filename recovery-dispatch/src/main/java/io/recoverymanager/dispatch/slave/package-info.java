/**
 * The slave side of dispatch: {@link io.recoverymanager.dispatch.slave.SlaveLink} keeps a
 * connection to the master (hello, heartbeats, reconnect with backoff), delivers system-action
 * requests through the durable outbox and hands the master's notices to the daemon.
 */
package io.recoverymanager.dispatch.slave;
