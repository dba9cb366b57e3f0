/**
 * Reading the units directory into a {@link io.recoverymanager.core.unit.UnitCatalog}: every
 * {@code *.toml} file parsed, invalid and conflicting files rejected with their errors.
 */
package io.recoverymanager.daemon.units;
