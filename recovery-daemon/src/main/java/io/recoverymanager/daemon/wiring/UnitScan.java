package io.recoverymanager.daemon.wiring;

import io.recoverymanager.core.unit.UnitCatalog;
import io.recoverymanager.daemon.config.DaemonConfig;
import io.recoverymanager.migrate.LegacyUnitFiles;
import io.recoverymanager.runtime.LayeredUnitDirectory;
import io.recoverymanager.runtime.UnitDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured units directories read into a catalog, at start and on every reload: the vendor
 * layer under the operator's (overridden by name, masked by a link to {@code /dev/null}), rejected
 * files logged with their errors, and every unit of the C implementation left there named with the
 * {@code convert} command to run.
 *
 * <p>Thread-safety: stateless; each {@link #scan} reads the directories anew.
 */
public final class UnitScan {
    private static final Logger LOG = LoggerFactory.getLogger(UnitScan.class);

    private UnitScan() {}

    /**
     * Reads the vendor and operator units directories of {@code config}.
     *
     * @throws IOException when a directory cannot be read, naming it
     */
    public static UnitCatalog scan(DaemonConfig config) throws IOException {
        try {
            LayeredUnitDirectory layers = new LayeredUnitDirectory(config.vendorUnitsDir(), config.unitsDir());
            layers.layers().notes().forEach(note -> LOG.info("units: {}", note));
            UnitCatalog catalog = UnitDirectory.logRejected(layers.scan());
            for (Path dir : List.of(config.vendorUnitsDir(), config.unitsDir())) {
                for (Path legacy : LegacyUnitFiles.in(dir)) {
                    LOG.warn("{}: {}", legacy, LegacyUnitFiles.advice(legacy));
                }
            }
            return catalog;
        } catch (IOException e) {
            throw new IOException("cannot read the units directories: " + e.getMessage(), e);
        }
    }
}
