/**
 * The sd_notify(3) protocol: readiness, status, watchdog, reload and stop notifications sent to
 * systemd over its AF_UNIX datagram socket ({@code $NOTIFY_SOCKET}), without spawning {@code
 * systemd-notify}.
 */
package io.recoverymanager.systemd.notify;
