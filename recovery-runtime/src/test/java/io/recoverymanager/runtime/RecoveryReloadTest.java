package io.recoverymanager.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.core.model.UnitSyncReport;
import io.recoverymanager.testkit.FakeServiceManager;
import io.recoverymanager.testkit.InMemoryRecoveryStore;
import io.recoverymanager.testkit.RecordingListener;
import io.recoverymanager.testkit.RecordingSystemActions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reloading the units directory: a new version nobody may trust is rejected, the last good one stays. */
class RecoveryReloadTest {
    @TempDir
    Path tmp;

    @Test
    void aReloadRejectsAnUntrustedNewVersionAndKeepsTheLastGoodOne() throws Exception {
        Path units = Files.createDirectory(tmp.resolve("units"));
        Path app = Files.writeString(
                units.resolve("app.toml"),
                "service = \"app.service\"\nrelax-time = \"60s\"\n[[action]]\ntype = \"restart-service\"\n");
        InMemoryRecoveryStore store = new InMemoryRecoveryStore();
        RecordingListener events = new RecordingListener();
        try (Recovery recovery = Recovery.builder()
                .context("host")
                .bootId("boot-1")
                .serviceManager(new FakeServiceManager(Clock.systemUTC()))
                .store(store)
                .systemActions(RecordingSystemActions.master())
                .unitsFrom(units)
                .listener(events)
                .start()) {
            assertThat(recovery.lastSync().added()).as("%s", events.events()).hasSize(1);
            String good = store.units().get(0).hash();

            Files.writeString(
                    app, "service = \"app.service\"\nrelax-time = \"60s\"\n[[action]]\ntype = \"disable-service\"\n");
            Files.setPosixFilePermissions(app, PosixFilePermissions.fromString("rw-rw-rw-"));
            UnitSyncReport report = recovery.reload();

            assertThat(report.removed()).isEmpty();
            assertThat(report.changed()).isEmpty();
            assertThat(recovery.lastSync()).isSameAs(report);
            assertThat(store.units()).singleElement().satisfies(u -> assertThat(u.hash())
                    .isEqualTo(good));
            assertThat(recovery.drain(Duration.ofSeconds(60))).isTrue();
            assertThat(events.events(RecoveryEvent.UnitRejected.class))
                    .singleElement()
                    .satisfies(e -> assertThat(e.service()).isEqualTo("app.service"));
        }
    }
}
