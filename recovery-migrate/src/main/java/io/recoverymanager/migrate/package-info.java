/**
 * Conversion of what the original C implementation left behind into this implementation's formats:
 * its recovery units (XML-like {@code .recovery} files) into TOML recovery units ({@link
 * io.recoverymanager.migrate.LegacyUnitConverter}), its key-file configuration into the TOML
 * configuration ({@link io.recoverymanager.migrate.LegacyConfigConverter}), with clear errors for
 * what cannot be mapped; and {@link io.recoverymanager.migrate.LegacyUnitFiles}, which names the old
 * units still lying in a units directory. A tool a vendor can run in their build; the daemon's
 * {@code convert} command calls it.
 */
package io.recoverymanager.migrate;
