package io.recoverymanager.core.store;

import io.recoverymanager.core.model.ServiceRecord;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.core.unit.RecoveryAction;
import io.recoverymanager.core.unit.RecoveryUnit;
import io.recoverymanager.core.unit.StoredUnit;
import io.recoverymanager.core.unit.UnitCatalog;
import io.recoverymanager.core.unit.UnitError;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Units, catalogs and records for the unit-sync policy tests; no store involved. */
final class SyncUnits {
    static final String ECHO = "echo.service";
    static final String OTHER = "other.service";
    static final String GETTY = "getty@.service";
    static final String TTY1 = "getty@tty1.service";
    static final String TTY2 = "getty@tty2.service";

    private SyncUnits() {}

    static RecoveryUnit unit(String source, String service, int retry) {
        return new RecoveryUnit(
                source,
                service,
                Duration.ofSeconds(60),
                false,
                Optional.empty(),
                Optional.empty(),
                List.of(new RecoveryAction(ActionType.RESTART_SERVICE, retry, false)),
                List.of());
    }

    static RecoveryUnit unit(String service, int retry) {
        return unit(service.replace(".service", ".toml"), service, retry);
    }

    static List<StoredUnit> stored(RecoveryUnit... units) {
        return java.util.Arrays.stream(units).map(StoredUnit::of).toList();
    }

    static ServiceRecord escalated(String service, int rvector) {
        return new ServiceRecord(
                service,
                rvector,
                Optional.of(Instant.parse("2026-01-01T00:10:00Z")),
                Optional.of(service + "-failure"),
                Optional.of(Instant.parse("2026-01-01T00:00:00Z")));
    }

    static UnitCatalog catalog(RecoveryUnit... units) {
        return UnitCatalog.of(List.of(units));
    }

    static UnitCatalog rejecting(String source, RecoveryUnit... valid) {
        return new UnitCatalog(
                List.of(valid), Map.of(source, List.of(new UnitError(source, 3, "action[0].retry", "not a number"))));
    }
}
