/**
 * The {@code recoverymanager} command line (picocli): the root command, its subcommands, the shared
 * configuration options, sysexits exit codes, and the hooks the daemon wiring binds (store opening,
 * the daemon itself).
 */
package io.recoverymanager.daemon.cli;
