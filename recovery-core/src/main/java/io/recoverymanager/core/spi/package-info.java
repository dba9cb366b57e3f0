/**
 * The ports the engine talks through: the service manager, the recovery store, the system-action
 * executors, the event loop and event listeners. Adapter modules implement them (systemd, SQLite,
 * dispatch); the testkit has a fake of each.
 */
package io.recoverymanager.core.spi;
