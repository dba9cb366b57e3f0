package io.recoverymanager.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.model.ActionOutcome;
import io.recoverymanager.core.model.ActionRequest;
import io.recoverymanager.core.spi.SystemActions.Disposition;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.core.unit.DataPaths;
import io.recoverymanager.dispatch.exec.ActionJournal;
import io.recoverymanager.dispatch.exec.CommandTemplates;
import io.recoverymanager.dispatch.exec.LocalActionExecutor;
import io.recoverymanager.dispatch.exec.RecordingServiceManager;
import io.recoverymanager.dispatch.master.InMemoryOutbox;
import io.recoverymanager.dispatch.slave.SlaveLink;
import io.recoverymanager.dispatch.slave.SlaveSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DispatchingSystemActionsTest {
    @TempDir
    Path tmp;

    private final RecordingServiceManager services = new RecordingServiceManager();
    private final LocalActionExecutor local = new LocalActionExecutor(
            services, CommandTemplates.defaults(), DataPaths::problem, ActionJournal.none(), Duration.ofSeconds(5));
    private SlaveLink link;

    @AfterEach
    void close() {
        local.close();
        if (link != null) {
            link.close();
        }
    }

    @Test
    void masterExecutesEverything() {
        DispatchingSystemActions master = DispatchingSystemActions.master(local);
        assertThat(master.mode()).isEqualTo(RunMode.MASTER);
        for (ActionType t : ActionType.values()) {
            assertThat(master.disposition(t)).isEqualTo(Disposition.EXECUTE);
        }
    }

    @Test
    void slaveForwardsSystemActionsThroughTheOutboxAndResetsDataItself() throws Exception {
        InMemoryOutbox outbox = new InMemoryOutbox();
        link = new SlaveLink(
                new SlaveSettings(
                        tmp.resolve("nobody-listens.sock"),
                        "box",
                        Duration.ofSeconds(2),
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        Duration.ofMillis(100)),
                outbox,
                new SlaveLink.Listener() {
                    @Override
                    public void serviceFailedElsewhere(String context, String service) {}

                    @Override
                    public void processCrashed(String context, String process) {}
                });
        link.start();
        DispatchingSystemActions slave = DispatchingSystemActions.slave(local, link);
        assertThat(slave.disposition(ActionType.RESTART_CONTEXT)).isEqualTo(Disposition.FORWARD);
        assertThat(slave.disposition(ActionType.RESTART_PLATFORM)).isEqualTo(Disposition.FORWARD);
        assertThat(slave.disposition(ActionType.FACTORY_RESET)).isEqualTo(Disposition.FORWARD);
        assertThat(slave.disposition(ActionType.RESET_PUBLIC_DATA)).isEqualTo(Disposition.EXECUTE);

        ActionOutcome forwarded = slave.execute(new ActionRequest(
                        "f1", "box", "a.service", ActionType.FACTORY_RESET, 9, Optional.empty(), Instant.EPOCH))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertThat(forwarded.detail()).contains("queued in the outbox");
        assertThat(outbox.pending()).extracting(ActionRequest::requestId).containsExactly("f1");

        Path data = Files.createDirectory(tmp.resolve("data"));
        Files.writeString(data.resolve("x"), "x");
        ActionOutcome reset = slave.execute(new ActionRequest(
                        "d1",
                        "box",
                        "a.service",
                        ActionType.RESET_PRIVATE_DATA,
                        2,
                        Optional.of(data.toString()),
                        Instant.EPOCH))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertThat(reset.success()).as(reset.detail()).isTrue();
        assertThat(data.resolve("x")).doesNotExist();
        assertThat(services.log).containsExactly("stop a.service", "start a.service");
        assertThat(outbox.pending()).hasSize(1);
    }
}
