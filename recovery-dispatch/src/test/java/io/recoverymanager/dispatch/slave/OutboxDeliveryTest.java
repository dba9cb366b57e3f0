package io.recoverymanager.dispatch.slave;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.model.ActionOutcome;
import io.recoverymanager.core.model.ActionRequest;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.dispatch.master.Await;
import io.recoverymanager.dispatch.master.ContextGrant;
import io.recoverymanager.dispatch.master.ContextPolicy;
import io.recoverymanager.dispatch.master.FloodLimits;
import io.recoverymanager.dispatch.master.InMemoryOutbox;
import io.recoverymanager.dispatch.master.InMemoryRequestLedger;
import io.recoverymanager.dispatch.master.MasterPolicy;
import io.recoverymanager.dispatch.master.MasterServer;
import io.recoverymanager.dispatch.master.MasterSettings;
import io.recoverymanager.dispatch.master.PeerMachines;
import io.recoverymanager.dispatch.master.RequestLedger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A slave's system action is delivered once and run once, across master and slave restarts. */
class OutboxDeliveryTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final RequestLedger durableLedger = new InMemoryRequestLedger(100); // outlives master instances
    private final List<String> executed = new CopyOnWriteArrayList<>();
    private final List<String> acknowledged = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private Path socket() {
        return tmp.resolve("rmgr.sock");
    }

    private MasterServer master(Function<ActionRequest, CompletionStage<ActionOutcome>> executor) throws Exception {
        // the slave "box" (root, no machine) may have the platform restarted
        MasterPolicy policy = new MasterPolicy(
                ContextPolicy.of(List.of(new ContextGrant(
                        "box", 0, Optional.empty(), Set.of(ActionType.RESTART_CONTEXT, ActionType.RESTART_PLATFORM)))),
                FloodLimits.defaults(),
                PeerMachines.none());
        MasterServer m = new MasterServer(
                MasterSettings.of(socket(), "host", TIMEOUT, Set.of(0)),
                policy,
                executor,
                durableLedger,
                (context, service) -> {});
        toClose.add(m);
        m.start();
        return m;
    }

    private CompletionStage<ActionOutcome> countingExecutor(ActionRequest r) {
        executed.add(r.context() + ":" + r.requestId() + ":" + r.action());
        return CompletableFuture.completedFuture(ActionOutcome.ok("ran " + r.requestId()));
    }

    private SlaveLink slave(Duration ackWait) {
        SlaveLink link = new SlaveLink(
                new SlaveSettings(socket(), "box", TIMEOUT, Duration.ofMillis(50), Duration.ofMillis(200), ackWait),
                outbox,
                new SlaveLink.Listener() {
                    @Override
                    public void serviceFailedElsewhere(String context, String service) {}

                    @Override
                    public void processCrashed(String context, String process) {}

                    @Override
                    public void acknowledged(String requestId, ActionOutcome outcome) {
                        acknowledged.add(requestId + " " + outcome.success());
                    }
                });
        toClose.add(link);
        link.start();
        return link;
    }

    private static ActionRequest request(String id) {
        return new ActionRequest(
                id,
                "box",
                "app.service",
                ActionType.RESTART_PLATFORM,
                5,
                Optional.empty(),
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void queuedWhileTheMasterIsDownThenDeliveredOnce() throws Exception {
        SlaveLink link = slave(Duration.ofMillis(300));
        ActionOutcome queued = link.forward(request("r1")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(queued.success()).isFalse();
        assertThat(queued.detail())
                .contains("queued in the outbox")
                .contains("unreachable")
                .contains("resent");
        assertThat(outbox.pending()).extracting(ActionRequest::requestId).containsExactly("r1");

        master(this::countingExecutor);
        Await.until("outbox drained", WAIT, () -> outbox.pending().isEmpty());
        Await.until("acknowledged", WAIT, () -> acknowledged.contains("r1 true"));
        assertThat(executed).containsExactly("box:r1:restart-platform");
    }

    @Test
    void masterKilledAndRestartedWhileTheRequestIsPendingRunsItOnce() throws Exception {
        CompletableFuture<ActionOutcome> firstRun = new CompletableFuture<>();
        MasterServer first = master(r -> {
            executed.add(r.context() + ":" + r.requestId() + ":" + r.action());
            return firstRun;
        });
        SlaveLink link = slave(WAIT);
        Await.until("slave connected", WAIT, link::isConnected);
        CompletionStage<ActionOutcome> stage = link.forward(request("r2"));
        Await.until("first master started the action", WAIT, () -> executed.size() == 1);

        first.close(); // killed while the action runs: no acknowledgement reached the slave
        assertThat(outbox.pending()).extracting(ActionRequest::requestId).containsExactly("r2");
        firstRun.complete(ActionOutcome.ok("ran r2"));

        master(this::countingExecutor);
        ActionOutcome outcome = stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(outcome.success()).as(outcome.detail()).isTrue();
        assertThat(outcome.detail()).isEqualTo("master: ran r2");
        Await.until("outbox drained", WAIT, () -> outbox.pending().isEmpty());
        assertThat(executed).containsExactly("box:r2:restart-platform");
    }

    @Test
    void masterRestartedBeforeTheActionEndedDoesNotRunItAgain() throws Exception {
        MasterServer first = master(r -> {
            executed.add(r.context() + ":" + r.requestId() + ":" + r.action());
            return new CompletableFuture<>(); // never ends: the platform went down mid-way
        });
        SlaveLink link = slave(WAIT);
        CompletionStage<ActionOutcome> stage = link.forward(request("r3"));
        Await.until("first master started the action", WAIT, () -> executed.size() == 1);
        first.close();

        master(this::countingExecutor);
        ActionOutcome outcome = stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        // the master cannot know whether the platform restart happened: not "ok", and it says so
        assertThat(outcome.success()).isFalse();
        assertThat(outcome.detail()).contains("outcome unknown").contains("not run again");
        assertThat(executed).hasSize(1);
        Await.until("outbox drained", WAIT, () -> outbox.pending().isEmpty());
    }

    @Test
    void slaveRestartedBeforeDeliveryResendsFromItsOutbox() throws Exception {
        SlaveLink firstSlave = slave(Duration.ofMillis(200));
        firstSlave.forward(request("r4")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        firstSlave.close();
        assertThat(outbox.pending()).hasSize(1);

        master(this::countingExecutor);
        slave(WAIT);
        Await.until("outbox drained", WAIT, () -> outbox.pending().isEmpty());
        assertThat(executed).containsExactly("box:r4:restart-platform");
        assertThat(acknowledged).containsExactly("r4 true");
    }
}
