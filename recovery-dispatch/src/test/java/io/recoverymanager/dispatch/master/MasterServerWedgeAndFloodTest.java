package io.recoverymanager.dispatch.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.model.ActionOutcome;
import io.recoverymanager.core.model.ActionRequest;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.dispatch.protocol.FrameCodec;
import io.recoverymanager.dispatch.protocol.Message;
import io.recoverymanager.dispatch.protocol.Message.Ack;
import io.recoverymanager.dispatch.protocol.Message.Hello;
import io.recoverymanager.dispatch.protocol.Message.HelloAck;
import io.recoverymanager.dispatch.protocol.Message.Request;
import io.recoverymanager.dispatch.protocol.Message.ServiceFailureNotice;
import io.recoverymanager.dispatch.slave.SlaveLink;
import io.recoverymanager.dispatch.slave.SlaveSettings;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The master cannot be wedged by its ledger and cannot be flooded: a real master on a temporary
 * socket, a raw hostile peer and an honest {@link SlaveLink}.
 */
class MasterServerWedgeAndFloodTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private MasterServer master;
    private SlaveLink goodSlave;
    private final AtomicInteger executions = new AtomicInteger();
    private final List<String> failuresElsewhere = new CopyOnWriteArrayList<>();
    private final List<String> closures = new CopyOnWriteArrayList<>();
    private final List<String> slaveDisconnects = new CopyOnWriteArrayList<>();
    private final List<String> throttled = new CopyOnWriteArrayList<>();

    private final MasterServer.Listener listener = new MasterServer.Listener() {
        @Override
        public void serviceFailedElsewhere(String context, String service) {
            failuresElsewhere.add(context + "/" + service);
        }

        @Override
        public void connectionClosed(String peer, String reason, boolean violation) {
            closures.add(peer + ": " + reason);
        }

        @Override
        public void throttled(String context, String what) {
            throttled.add(context + ": " + what);
        }
    };

    private Path start(RequestLedger ledger) throws Exception {
        Path socket = tmp.resolve("run/rmgr.sock");
        master = new MasterServer(
                MasterSettings.of(socket, "host", TIMEOUT, Set.of(0)),
                r -> {
                    executions.incrementAndGet();
                    return CompletableFuture.completedFuture(ActionOutcome.ok("ran " + r.action()));
                },
                ledger,
                listener);
        master.start();
        return socket;
    }

    @AfterEach
    void stop() {
        if (goodSlave != null) {
            goodSlave.close();
        }
        if (master != null) {
            master.close();
        }
    }

    @Test
    void aLedgerThatCannotWriteGetsTheRequestAnsweredFailedAndReleased() throws Exception {
        AtomicBoolean diskFull = new AtomicBoolean(true);
        InMemoryRequestLedger memory = new InMemoryRequestLedger(100);
        Path socket = start(new RequestLedger() {
            @Override
            public Optional<Entry> begin(String context, String requestId, Instant now) {
                if (diskFull.get()) {
                    throw new java.io.UncheckedIOException(new java.io.IOException("No space left on device"));
                }
                return memory.begin(context, requestId, now);
            }

            @Override
            public void complete(String context, String requestId, ActionOutcome outcome) {
                memory.complete(context, requestId, outcome);
            }
        });
        try (RawPeer peer = hello(socket, "c1")) {
            Request r = new Request("r1", "a.service", ActionType.RESTART_CONTEXT, 1, Optional.empty(), 0);
            peer.send(r);
            Ack first = nextAck(peer);
            assertThat(first.success()).isFalse();
            assertThat(first.detail()).contains("not run").contains("No space left on device");
            assertThat(executions).hasValue(0);

            diskFull.set(false);
            peer.send(r); // released: the resend runs now
            Ack second = nextAck(peer);
            assertThat(second.success()).as(second.detail()).isTrue();
            assertThat(executions).hasValue(1);
        }
    }

    @Test
    void aLedgerThatCannotRecordTheOutcomeStillGetsTheRequestAnswered() throws Exception {
        InMemoryRequestLedger memory = new InMemoryRequestLedger(100);
        Path socket = start(new RequestLedger() {
            @Override
            public Optional<Entry> begin(String context, String requestId, Instant now) {
                return memory.begin(context, requestId, now);
            }

            @Override
            public void complete(String context, String requestId, ActionOutcome outcome) {
                throw new java.io.UncheckedIOException(new java.io.IOException("No space left on device"));
            }
        });
        try (RawPeer peer = hello(socket, "c1")) {
            peer.send(new Request("r1", "a.service", ActionType.RESTART_CONTEXT, 1, Optional.empty(), 0));
            Ack ack = nextAck(peer);
            assertThat(ack.success()).as(ack.detail()).isTrue();
            assertThat(executions).hasValue(1);
            // and the connection still works: the same id again is not run a second time
            peer.send(new Request("r1", "a.service", ActionType.RESTART_CONTEXT, 1, Optional.empty(), 0));
            Ack again = nextAck(peer);
            assertThat(again.success()).isFalse();
            assertThat(executions).hasValue(1);
        }
    }

    @Test
    void aRequestStartedByAnEarlierMasterRunIsNotAnsweredOk() throws Exception {
        InMemoryRequestLedger ledger = new InMemoryRequestLedger(100);
        ledger.begin("c1", "r1", Instant.EPOCH); // the earlier master died while running it
        ledger.executing("c1", "r1", Instant.EPOCH);
        ledger.begin("c1", "r2", Instant.EPOCH); // ... and before running this one
        Path socket = start(ledger);
        try (RawPeer peer = hello(socket, "c1")) {
            peer.send(new Request("r1", "a.service", ActionType.RESTART_CONTEXT, 1, Optional.empty(), 0));
            Ack ack = nextAck(peer);
            assertThat(ack.success()).isFalse();
            assertThat(ack.outcome()).isEqualTo(Ack.Outcome.UNKNOWN);
            assertThat(ack.detail()).contains("earlier master run");
            assertThat(executions).hasValue(0);

            peer.send(new Request("r2", "a.service", ActionType.RESTART_CONTEXT, 1, Optional.empty(), 0));
            assertThat(nextAck(peer).success()).isTrue();
            peer.send(new Request("r2", "a.service", ActionType.RESTART_CONTEXT, 1, Optional.empty(), 0));
            assertThat(nextAck(peer).success()).isTrue();
            assertThat(executions).as("the request that never ran ran once").hasValue(1);
        }
    }

    @Test
    void platformRestartAndFactoryResetAreRefusedWhenNotGranted() throws Exception {
        Path socket = start(new InMemoryRequestLedger(100));
        try (RawPeer peer = hello(socket, "c1")) {
            peer.send(new Request("r1", "a.service", ActionType.RESTART_PLATFORM, 1, Optional.empty(), 0));
            Ack platform = nextAck(peer);
            peer.send(new Request("r2", "a.service", ActionType.FACTORY_RESET, 1, Optional.empty(), 0));
            Ack factory = nextAck(peer);
            assertThat(platform.success()).isFalse();
            assertThat(platform.detail()).contains("refused");
            assertThat(factory.success()).isFalse();
            assertThat(executions).hasValue(0);
            // its own context's restart is allowed by default
            peer.send(new Request("r3", "a.service", ActionType.RESTART_CONTEXT, 1, Optional.empty(), 0));
            assertThat(nextAck(peer).success()).isTrue();
            assertThat(executions).hasValue(1);
        }
    }

    @Test
    void aFloodingSlaveIsThrottledNotDisconnectedAndAnotherSlavesRequestStillRuns() throws Exception {
        Path socket = start(new InMemoryRequestLedger(100));
        List<String> heardByGood = new CopyOnWriteArrayList<>();
        goodSlave = new SlaveLink(
                new SlaveSettings(socket, "good", TIMEOUT, Duration.ofMillis(50), Duration.ofMillis(200), WAIT),
                new InMemoryOutbox(),
                new SlaveLink.Listener() {
                    @Override
                    public void serviceFailedElsewhere(String context, String service) {
                        heardByGood.add(context + "/" + service);
                    }

                    @Override
                    public void processCrashed(String context, String process) {}

                    @Override
                    public void disconnected(String reason) {
                        slaveDisconnects.add(reason);
                    }
                });
        goodSlave.start();
        Await.until("good slave connected", WAIT, goodSlave::isConnected);

        int flood = 20_000;
        try (RawPeer flooder = hello(socket, "flooder")) {
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int i = 0; i < flood; i++) {
                // half duplicates of one service, half distinct services
                String service = i % 2 == 0 ? "same.service" : "s" + i + ".service";
                burst.write(FrameCodec.encode(new ServiceFailureNotice("flooder", service)));
            }
            flooder.write(burst.toByteArray());

            ActionRequest r = new ActionRequest(
                    "good-1", "good", "web.service", ActionType.RESTART_CONTEXT, 1, Optional.empty(), Instant.now());
            ActionOutcome outcome = goodSlave.forward(r).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(outcome.success()).as(outcome.detail()).isTrue();

            // the flooder is still connected: its own request is answered on the same connection
            flooder.send(new Request("f1", "a.service", ActionType.RESTART_CONTEXT, 1, Optional.empty(), 0));
            assertThat(nextAck(flooder).success()).isTrue();
            assertThat(closures).noneMatch(c -> c.contains("flooder"));
        }
        assertThat(throttled).anyMatch(t -> t.startsWith("flooder: "));
        assertThat(slaveDisconnects).isEmpty();
        int burst = FloodLimits.defaults().noticeBurst();
        assertThat(failuresElsewhere.size()).isLessThan(burst + 200).isGreaterThan(0);
        assertThat(heardByGood.size()).isLessThan(burst + 200);
    }

    private static RawPeer hello(Path socket, String context) throws Exception {
        RawPeer peer = new RawPeer(socket);
        peer.send(new Hello(FrameCodec.VERSION, context));
        assertThat(peer.read(WAIT)).isInstanceOf(HelloAck.class);
        return peer;
    }

    static Ack nextAck(RawPeer peer) throws Exception {
        while (true) {
            Message m = peer.read(WAIT);
            assertThat(m).as("connection closed while waiting for an ack").isNotNull();
            if (m instanceof Ack ack) {
                return ack;
            }
        }
    }
}
