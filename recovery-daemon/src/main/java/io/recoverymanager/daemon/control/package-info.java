/**
 * The control channel between the command line and the running daemon: a Unix stream socket in the
 * runtime directory ({@code control.sock}) carrying one JSON request and one JSON response per
 * line, authenticated by the peer's credentials ({@code SO_PEERCRED}).
 */
package io.recoverymanager.daemon.control;
