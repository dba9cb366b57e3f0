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
import io.recoverymanager.dispatch.protocol.Message.Refused;
import io.recoverymanager.dispatch.protocol.Message.Request;
import io.recoverymanager.dispatch.slave.SlaveLink;
import io.recoverymanager.dispatch.slave.SlaveSettings;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile peers against a real master on a temporary socket: the master and its good slave survive. */
class MasterServerHostileTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path tmp;

    private Path socket;
    private MasterServer master;
    private SlaveLink goodSlave;
    private final AtomicInteger executions = new AtomicInteger();
    private final List<String> closures = new CopyOnWriteArrayList<>();
    private final List<String> failuresElsewhere = new CopyOnWriteArrayList<>();
    private final List<String> slaveDisconnects = new CopyOnWriteArrayList<>();
    private final List<String> slaveHeardFailures = new CopyOnWriteArrayList<>();

    private final MasterServer.Listener listener = new MasterServer.Listener() {
        @Override
        public void serviceFailedElsewhere(String context, String service) {
            failuresElsewhere.add(context + "/" + service);
        }

        @Override
        public void connectionClosed(String peer, String reason, boolean violation) {
            closures.add((violation ? "VIOLATION " : "closed ") + peer + ": " + reason);
        }
    };

    @BeforeEach
    void startMasterAndGoodSlave() throws Exception {
        socket = tmp.resolve("run/rmgr.sock");
        master = new MasterServer(
                MasterSettings.of(socket, "host", TIMEOUT, Set.of(0)),
                r -> {
                    executions.incrementAndGet();
                    return CompletableFuture.completedFuture(
                            ActionOutcome.ok("ran " + r.action() + " for " + r.context()));
                },
                new InMemoryRequestLedger(100),
                listener);
        master.start();
        goodSlave = new SlaveLink(
                new SlaveSettings(socket, "good", TIMEOUT, Duration.ofMillis(50), Duration.ofMillis(200), WAIT),
                new InMemoryOutbox(),
                new SlaveLink.Listener() {
                    @Override
                    public void serviceFailedElsewhere(String context, String service) {
                        slaveHeardFailures.add(context + "/" + service);
                    }

                    @Override
                    public void processCrashed(String context, String process) {
                        slaveHeardFailures.add("crash " + context + "/" + process);
                    }

                    @Override
                    public void disconnected(String reason) {
                        slaveDisconnects.add(reason);
                    }
                });
        goodSlave.start();
        Await.until("good slave connected", WAIT, goodSlave::isConnected);
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
    void socketAndDirectoryPermissions() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)))
                .isEqualTo("rw-rw----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())))
                .isEqualTo("rwxr-x---");
    }

    @Test
    void randomBytesCloseOnlyThatConnection() throws Exception {
        byte[] noise = new byte[512];
        new Random(42).nextBytes(noise);
        noise[0] = 0; // a plausible length so the type/payload parser is what rejects it
        noise[1] = 0;
        noise[2] = 1;
        noise[3] = (byte) 0xfb; // 507 bytes of body
        try (RawPeer peer = new RawPeer(socket)) {
            peer.write(noise);
            peer.awaitClosed(WAIT);
        }
        awaitClosure("protocol violation");
        assertGoodSlaveStillWorks();
    }

    @Test
    void oversizedLengthIsRejectedWithoutAllocating() throws Exception {
        try (RawPeer peer = new RawPeer(socket)) {
            peer.write(ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array());
            peer.awaitClosed(WAIT);
        }
        awaitClosure("frame length 2147483647 outside");
        assertGoodSlaveStillWorks();
    }

    @Test
    void frameCutInTheMiddle() throws Exception {
        byte[] hello = FrameCodec.encode(new Hello(FrameCodec.VERSION, "cut"));
        try (RawPeer peer = new RawPeer(socket)) {
            peer.write(java.util.Arrays.copyOf(hello, hello.length - 3));
        }
        awaitClosure("in the middle of a frame");
        assertThat(master.connectedContexts()).containsExactly("good");
        assertGoodSlaveStillWorks();
    }

    @Test
    void silentPeerIsClosedAtTheHelloDeadline() throws Exception {
        try (RawPeer peer = new RawPeer(socket)) {
            peer.awaitClosed(WAIT);
        }
        awaitClosure("no hello within");
        assertGoodSlaveStillWorks();
    }

    @Test
    void peerThatStopsTalkingAfterHelloIsClosedAtTheIdleDeadline() throws Exception {
        try (RawPeer peer = new RawPeer(socket)) {
            peer.send(new Hello(FrameCodec.VERSION, "mute"));
            assertThat(peer.read(WAIT)).isInstanceOf(HelloAck.class);
            peer.awaitClosed(WAIT);
        }
        awaitClosure("no heartbeat");
        assertGoodSlaveStillWorks();
    }

    @Test
    void claimingAnotherSlavesContextIsRefused() throws Exception {
        try (RawPeer peer = new RawPeer(socket)) {
            peer.send(new Hello(FrameCodec.VERSION, "good"));
            Message answer = peer.read(WAIT);
            assertThat(answer).isInstanceOf(Refused.class);
            assertThat(((Refused) answer).reason()).contains("already connected");
            peer.awaitClosed(WAIT);
        }
        awaitClosure("claimed context 'good'");
        assertGoodSlaveStillWorks();
    }

    @Test
    void claimingTheMastersContextOrAnInvalidNameIsRefused() throws Exception {
        for (String claim : List.of("host", "-rf", "a/b")) {
            try (RawPeer peer = new RawPeer(socket)) {
                peer.send(new Hello(FrameCodec.VERSION, claim));
                assertThat(peer.read(WAIT)).isInstanceOf(Refused.class);
                peer.awaitClosed(WAIT);
            }
        }
        assertGoodSlaveStillWorks();
    }

    @Test
    void failureNoticeForAnotherContextIsAViolation() throws Exception {
        try (RawPeer peer = new RawPeer(socket)) {
            peer.send(new Hello(FrameCodec.VERSION, "liar"));
            assertThat(peer.read(WAIT)).isInstanceOf(HelloAck.class);
            peer.send(new Message.ServiceFailureNotice("good", "x.service"));
            peer.awaitClosed(WAIT);
        }
        awaitClosure("names context 'good' on a connection bound to 'liar'");
        assertThat(failuresElsewhere).isEmpty();
        assertGoodSlaveStillWorks();
    }

    @Test
    void requestContextIsTheConnectionsAndDuplicatesRunOnce() throws Exception {
        try (RawPeer peer = new RawPeer(socket)) {
            peer.send(new Hello(FrameCodec.VERSION, "other"));
            assertThat(peer.read(WAIT)).isInstanceOf(HelloAck.class);
            Request r = new Request("id-1", "web.service", ActionType.RESTART_CONTEXT, 4, Optional.empty(), 0);
            peer.send(r);
            peer.send(r);
            Ack first = nextAck(peer);
            Ack second = nextAck(peer);
            assertThat(first.detail()).isEqualTo("ran restart-context for other");
            assertThat(second.requestId()).isEqualTo("id-1");
            assertThat(second.success()).isTrue();
            peer.send(new Request("id-2", "web.service", ActionType.RESTART_SERVICE, 1, Optional.empty(), 0));
            Message rejected = peer.read(WAIT);
            while (rejected instanceof Message.Heartbeat) {
                rejected = peer.read(WAIT);
            }
            assertThat(rejected).isInstanceOf(Message.ErrorReply.class);
        }
        assertThat(executions).hasValue(1);
    }

    @Test
    void failureNoticesAreDeliveredAndRelayed() throws Exception {
        try (RawPeer peer = new RawPeer(socket)) {
            peer.send(new Hello(FrameCodec.VERSION, "other"));
            assertThat(peer.read(WAIT)).isInstanceOf(HelloAck.class);
            peer.send(new Message.ServiceFailureNotice("other", "db.service"));
            Await.until("master heard the failure", WAIT, () -> failuresElsewhere.contains("other/db.service"));
            Await.until("good slave heard it", WAIT, () -> slaveHeardFailures.contains("other/db.service"));
            goodSlave.reportServiceFailure("web.service");
            Await.until("master heard the good slave", WAIT, () -> failuresElsewhere.contains("good/web.service"));
            Message relayed = peer.read(WAIT);
            while (relayed instanceof Message.Heartbeat) {
                relayed = peer.read(WAIT);
            }
            assertThat(relayed).isEqualTo(new Message.ServiceFailureNotice("good", "web.service"));
            master.broadcastProcessCrash("host", "compositor");
            Await.until(
                    "crash reached the good slave", WAIT, () -> slaveHeardFailures.contains("crash host/compositor"));
        }
    }

    @Test
    void peerThatNeverReadsIsDroppedWhileTheGoodSlaveKeepsUp() throws Exception {
        try (RawPeer peer = new RawPeer(socket)) {
            peer.send(new Hello(FrameCodec.VERSION, "deaf"));
            assertThat(peer.read(WAIT)).isInstanceOf(HelloAck.class); // and never reads again
            String longName = "p".repeat(FrameCodec.MAX_NAME);
            int sent = 0;
            while (master.connectedContexts().contains("deaf")) {
                peer.send(new Message.Heartbeat()); // alive, so only its not reading can get it dropped
                for (int i = 0; i < 100; i++) {
                    master.broadcastProcessCrash("host", longName);
                }
                sent += 100;
                int expected = sent;
                Await.until(
                        "good slave received " + expected + " crash notices",
                        WAIT,
                        () -> slaveHeardFailures.size() >= expected);
                assertThat(sent)
                        .as("the deaf peer should have been dropped by now")
                        .isLessThan(100_000);
            }
        }
        awaitClosure("peer does not read");
        assertGoodSlaveStillWorks();
    }

    @Test
    void closedConnectionsLeaveNoThreadsBehind() throws Exception {
        for (int i = 0; i < 20; i++) {
            try (RawPeer peer = new RawPeer(socket)) {
                peer.write(new byte[] {0, 0, 0, 1, (byte) (100 + i)});
                peer.awaitClosed(WAIT);
            }
        }
        // only the good slave's connection keeps a reader and a writer on the master side
        Await.until("per-connection threads of closed peers ended", WAIT, () -> masterConnectionThreads() == 2);
        assertGoodSlaveStillWorks();
    }

    private static long masterConnectionThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("rmgr-read #") || n.startsWith("rmgr-write #"))
                .count();
    }

    @Test
    void disallowedUidIsRefused() throws Exception {
        Path other = tmp.resolve("other/rmgr.sock");
        List<String> refused = new CopyOnWriteArrayList<>();
        try (MasterServer strict = new MasterServer(
                MasterSettings.of(other, "host2", TIMEOUT, Set.of(4242)),
                r -> CompletableFuture.completedFuture(ActionOutcome.ok("must not run")),
                new InMemoryRequestLedger(10),
                new MasterServer.Listener() {
                    @Override
                    public void serviceFailedElsewhere(String context, String service) {}

                    @Override
                    public void connectionClosed(String peer, String reason, boolean violation) {
                        refused.add(reason);
                    }
                })) {
            strict.start();
            try (RawPeer peer = new RawPeer(other)) {
                Message answer = peer.read(WAIT);
                assertThat(answer).isInstanceOf(Refused.class);
                assertThat(((Refused) answer).reason()).contains("root").contains("allowed-uids");
                assertThat(peer.read(WAIT)).isNull();
            }
            Await.until("refusal logged", WAIT, () -> !refused.isEmpty());
            assertThat(refused).singleElement().asString().contains("not in allowed-uids");
        }
        assertGoodSlaveStillWorks();
    }

    @Test
    void staleSocketIsReplacedButALiveMasterIsNot() throws Exception {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MasterServer(
                                MasterSettings.of(socket, "second", TIMEOUT, Set.of(0)),
                                r -> CompletableFuture.completedFuture(ActionOutcome.ok("")),
                                new InMemoryRequestLedger(10),
                                listener)
                        .start())
                .hasMessageContaining("another master is listening");
        Path plain = Files.writeString(tmp.resolve("plain"), "data");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MasterServer(
                                MasterSettings.of(plain, "second", TIMEOUT, Set.of(0)),
                                r -> CompletableFuture.completedFuture(ActionOutcome.ok("")),
                                new InMemoryRequestLedger(10),
                                listener)
                        .start())
                .hasMessageContaining("not a socket");
        assertThat(plain).hasContent("data");
        assertGoodSlaveStillWorks();
    }

    private static Ack nextAck(RawPeer peer) throws Exception {
        while (true) {
            Message m = peer.read(WAIT);
            if (m instanceof Ack ack) {
                return ack;
            }
            assertThat(m).isInstanceOf(Message.Heartbeat.class);
        }
    }

    private void awaitClosure(String reasonPart) throws InterruptedException {
        Await.until(
                "a logged violation containing '" + reasonPart + "' among " + closures, WAIT, () -> closures.stream()
                        .anyMatch(c -> c.startsWith("VIOLATION") && c.contains(reasonPart)));
    }

    private void assertGoodSlaveStillWorks() throws Exception {
        ActionRequest r = new ActionRequest(
                "good-" + System.nanoTime(),
                "good",
                "web.service",
                ActionType.RESTART_CONTEXT,
                2,
                Optional.empty(),
                Instant.now());
        ActionOutcome outcome = goodSlave.forward(r).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(outcome.success()).as(outcome.detail()).isTrue();
        assertThat(outcome.detail()).isEqualTo("master: ran restart-context for good");
        assertThat(slaveDisconnects).isEmpty();
        assertThat(master.connectedContexts()).contains("good");
    }
}
