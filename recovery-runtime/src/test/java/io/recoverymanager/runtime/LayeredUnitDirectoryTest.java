package io.recoverymanager.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recoverymanager.core.unit.RecoveryUnit;
import io.recoverymanager.core.unit.UnitCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vendor units layer under the operator's, as systemd layers unit files (issue 13.10). */
class LayeredUnitDirectoryTest {
    @TempDir
    Path tmp;

    private Path vendor;
    private Path admin;

    @BeforeEach
    void setUp() throws IOException {
        vendor = Files.createDirectory(tmp.resolve("vendor"));
        admin = Files.createDirectory(tmp.resolve("admin"));
    }

    private static String unit(String service, String action) {
        return "service = \"" + service + "\"\nrelax-time = \"60s\"\n[[action]]\ntype = \"" + action + "\"\n";
    }

    @Test
    void vendorUnitsAreInForceUnlessTheOperatorsFileOfTheSameNameReplacesOrMasksThem() throws IOException {
        Files.writeString(vendor.resolve("a.toml"), unit("a.service", "restart-service"));
        Files.writeString(vendor.resolve("b.toml"), unit("b.service", "restart-service"));
        Files.writeString(vendor.resolve("c.toml"), unit("c.service", "restart-service"));
        Files.writeString(admin.resolve("b.toml"), unit("b.service", "disable-service"));
        Files.createSymbolicLink(admin.resolve("c.toml"), Path.of("/dev/null"));
        Files.writeString(admin.resolve("d.toml"), unit("d.service", "restart-service"));

        LayeredUnitDirectory layers = new LayeredUnitDirectory(vendor, admin);
        UnitCatalog catalog = layers.scan();

        assertThat(catalog.rejected()).isEmpty();
        assertThat(catalog.units()).extracting(RecoveryUnit::source).containsExactly("a.toml", "b.toml", "d.toml");
        assertThat(catalog.units().get(1).actions().get(0).type().tomlName()).isEqualTo("disable-service");
        assertThat(layers.layers().files())
                .containsExactly(vendor.resolve("a.toml"), admin.resolve("b.toml"), admin.resolve("d.toml"));
        assertThat(layers.layers().notes())
                .containsExactly(
                        vendor.resolve("b.toml") + ": overridden by " + admin.resolve("b.toml"),
                        admin.resolve("c.toml") + ": masked (a link to /dev/null); " + vendor.resolve("c.toml")
                                + " is not read");
    }

    @Test
    void missingDirectoriesAreEmptyLayers() throws IOException {
        Files.writeString(admin.resolve("a.toml"), unit("a.service", "restart-service"));
        assertThat(new LayeredUnitDirectory(tmp.resolve("no-vendor"), admin)
                        .scan()
                        .units())
                .extracting(RecoveryUnit::source)
                .containsExactly("a.toml");
        Files.writeString(vendor.resolve("v.toml"), unit("v.service", "restart-service"));
        assertThat(new LayeredUnitDirectory(vendor, tmp.resolve("no-admin"))
                        .scan()
                        .units())
                .extracting(RecoveryUnit::source)
                .containsExactly("v.toml");
    }

    @Test
    void aLinkToAnythingButDevNullIsStillRejectedWithItsReason() throws IOException {
        Files.writeString(tmp.resolve("elsewhere.toml"), unit("e.service", "restart-service"));
        Files.createSymbolicLink(admin.resolve("e.toml"), tmp.resolve("elsewhere.toml"));

        UnitCatalog catalog = new LayeredUnitDirectory(vendor, admin).scan();

        assertThat(catalog.units()).isEmpty();
        assertThat(catalog.rejected().get("e.toml").get(0).reason()).contains("symbolic link");
    }

    @Test
    void aVendorDirectoryOthersMayWriteIsRefusedWhole() throws IOException {
        Files.writeString(vendor.resolve("a.toml"), unit("a.service", "restart-service"));
        Files.setPosixFilePermissions(vendor, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> new LayeredUnitDirectory(vendor, admin).scan())
                .isInstanceOf(IOException.class)
                .hasMessageContaining(vendor.toString());
    }

    @Test
    void theSameServiceInTwoNamesIsRejectedForTheLaterName() throws IOException {
        Files.writeString(vendor.resolve("a.toml"), unit("same.service", "restart-service"));
        Files.writeString(admin.resolve("b.toml"), unit("same.service", "restart-service"));

        UnitCatalog catalog = new LayeredUnitDirectory(vendor, admin).scan();

        assertThat(catalog.units()).extracting(RecoveryUnit::source).containsExactly("a.toml");
        assertThat(catalog.rejected()).containsOnlyKeys("b.toml");
    }
}
