/**
 * The daemon's TOML configuration: the model ({@link io.recoverymanager.daemon.config.DaemonConfig}),
 * a strict loader that reports every error with file, line and key, command-line overrides and the
 * argv command templates used for system actions.
 */
package io.recoverymanager.daemon.config;
