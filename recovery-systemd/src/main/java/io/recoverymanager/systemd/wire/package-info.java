/**
 * How D-Bus messages reach the bus socket: a dbus-java socket provider that sends each message with
 * one gathering write, found by dbus-java's {@link java.util.ServiceLoader} lookup.
 */
package io.recoverymanager.systemd.wire;
