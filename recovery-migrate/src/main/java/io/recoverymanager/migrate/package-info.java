/**
 * Conversion of recovery units of the original C implementation (XML-like {@code .recovery} files)
 * into TOML recovery units, with clear errors for what cannot be mapped.
 */
package io.recoverymanager.migrate;
