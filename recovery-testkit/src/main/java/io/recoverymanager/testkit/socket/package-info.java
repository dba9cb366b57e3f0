/**
 * Stand-ins for systemd's sockets in tests: a real AF_UNIX datagram socket that receives what the
 * daemon sends to the notification socket or to journald's native socket.
 */
package io.recoverymanager.testkit.socket;
