/**
 * The few systemd D-Bus interfaces the adapter uses, declared by hand for dbus-java 5 (no maintained
 * binding exists for it). Names and signatures follow {@code org.freedesktop.systemd1(5)}.
 */
package io.recoverymanager.systemd.dbus;
