/**
 * The {@code demo} command: a private {@code systemd --user} sandbox with services that crash in
 * different ways, the real daemon recovering them, the escalation shown live, then the history.
 */
package io.recoverymanager.daemon.demo;
