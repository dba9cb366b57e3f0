/**
 * The manual page and the shell completions of {@code recoverymanager}, generated at build time from
 * the picocli command definitions, so they list exactly the commands and options the program has.
 */
package io.recoverymanager.daemon.cli.docs;
