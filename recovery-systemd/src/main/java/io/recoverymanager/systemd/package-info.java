/**
 * The core's {@link io.recoverymanager.core.spi.ServiceManager} port on systemd over D-Bus
 * (dbus-java 5): {@link io.recoverymanager.systemd.SystemdServiceManager}, configured by {@link
 * io.recoverymanager.systemd.SystemdConnectionConfig} and {@link
 * io.recoverymanager.systemd.BusAddress}.
 */
package io.recoverymanager.systemd;
