package io.recoverymanager.dispatch.master;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recoverymanager.core.model.ActionOutcome;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.dispatch.protocol.FrameCodec;
import io.recoverymanager.dispatch.protocol.Message;
import io.recoverymanager.dispatch.protocol.Message.Ack;
import io.recoverymanager.dispatch.protocol.Message.Hello;
import io.recoverymanager.dispatch.protocol.Message.HelloAck;
import io.recoverymanager.dispatch.protocol.Message.Refused;
import io.recoverymanager.dispatch.protocol.Message.Request;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contexts bound to peers (uid, machine) and per-context action grants, on a real socket. */
class MasterServerContextPolicyTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private MasterServer master;
    private final AtomicInteger executions = new AtomicInteger();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private final List<String> closures = new CopyOnWriteArrayList<>();

    private Path start(MasterPolicy policy) throws Exception {
        return start(policy, tmp.resolve("run/rmgr.sock"));
    }

    private Path start(MasterPolicy policy, Path socket) throws Exception {
        master = new MasterServer(
                MasterSettings.of(socket, "host", TIMEOUT, Set.of(0)),
                policy,
                r -> {
                    executions.incrementAndGet();
                    return CompletableFuture.completedFuture(ActionOutcome.ok("ran " + r.action()));
                },
                new InMemoryRequestLedger(100),
                new MasterServer.Listener() {
                    @Override
                    public void serviceFailedElsewhere(String context, String service) {}

                    @Override
                    public void requestRefused(String context, String service, ActionType action, String reason) {
                        refusals.add(context + " " + action + ": " + reason);
                    }

                    @Override
                    public void connectionClosed(String peer, String reason, boolean violation) {
                        closures.add((violation ? "VIOLATION " : "") + reason);
                    }
                });
        master.start();
        return socket;
    }

    @AfterEach
    void stop() {
        if (master != null) {
            master.close();
        }
    }

    private static MasterPolicy bound(PeerMachines machines, ContextGrant... grants) {
        return new MasterPolicy(ContextPolicy.of(List.of(grants)), FloodLimits.defaults(), machines);
    }

    @Test
    void nobodyClaimsAnotherPeersContextConnectedOrNot() throws Exception {
        // the test runs as root (uid 0); container1 belongs to the mapped uid 100000
        Path socket = start(bound(
                PeerMachines.none(),
                ContextGrant.of("container1", 100000, Optional.empty()),
                ContextGrant.of("mine", 0, Optional.empty())));
        assertThat(claim(socket, "container1"))
                .isInstanceOf(Refused.class)
                .extracting(m -> ((Refused) m).reason())
                .asString()
                .contains("belongs to uid 100000");
        assertThat(claim(socket, "unconfigured"))
                .isInstanceOf(Refused.class)
                .extracting(m -> ((Refused) m).reason())
                .asString()
                .contains("not configured");
        assertThat(claim(socket, "mine")).isInstanceOf(HelloAck.class);
        assertThat(master.connectedContexts()).doesNotContain("container1", "unconfigured");
        Await.until("refusals logged", WAIT, () -> closures.stream()
                .anyMatch(c -> c.contains("claim refused") && c.contains("container1")));
    }

    @Test
    void theMachineMustMatchWhereMachinedKnowsThePeer() throws Exception {
        Path socket = start(bound(
                peer -> Optional.of("container1"),
                ContextGrant.of("container1", 0, Optional.of("container1")),
                ContextGrant.of("hostside", 0, Optional.empty()),
                ContextGrant.of("container2", 0, Optional.of("container2"))));
        assertThat(claim(socket, "container1")).isInstanceOf(HelloAck.class);
        assertThat(claim(socket, "container2")).isInstanceOf(Refused.class);
        // a context configured without a machine is not claimable from inside a machine
        assertThat(claim(socket, "hostside")).isInstanceOf(Refused.class);
    }

    @Test
    void absentMachinedMatchesOnlyContextsWithoutAMachine() throws Exception {
        Path socket = start(bound(
                PeerMachines.none(),
                ContextGrant.of("container1", 0, Optional.of("container1")),
                ContextGrant.of("plain", 0, Optional.empty())));
        assertThat(claim(socket, "container1")).isInstanceOf(Refused.class);
        assertThat(claim(socket, "plain")).isInstanceOf(HelloAck.class);
    }

    @Test
    void actionsAreGrantedPerContextAndRefusalsAreAnsweredAndReported() throws Exception {
        Path socket = start(bound(
                PeerMachines.none(),
                new ContextGrant(
                        "platformer",
                        0,
                        Optional.empty(),
                        Set.of(ActionType.RESTART_CONTEXT, ActionType.RESTART_PLATFORM)),
                ContextGrant.of("plain", 0, Optional.empty())));
        try (RawPeer plain = hello(socket, "plain");
                RawPeer platformer = hello(socket, "platformer")) {
            plain.send(new Request("p1", "a.service", ActionType.RESTART_PLATFORM, 1, Optional.empty(), 0));
            Ack refused = MasterServerWedgeAndFloodTest.nextAck(plain);
            assertThat(refused.success()).isFalse();
            assertThat(refused.outcome()).isEqualTo(Ack.Outcome.FAILED);
            assertThat(refused.detail()).contains("may not request restart-platform");
            platformer.send(new Request("q1", "a.service", ActionType.RESTART_PLATFORM, 1, Optional.empty(), 0));
            assertThat(MasterServerWedgeAndFloodTest.nextAck(platformer).success())
                    .isTrue();
            platformer.send(new Request("q2", "a.service", ActionType.FACTORY_RESET, 1, Optional.empty(), 0));
            assertThat(MasterServerWedgeAndFloodTest.nextAck(platformer).success())
                    .isFalse();
        }
        assertThat(executions).hasValue(1);
        // the master answers a refusal before it tells the listener: wait for the listener
        Await.until("both refusals reported", WAIT, () -> refusals.size() == 2);
        assertThat(refusals)
                .hasSize(2)
                .anyMatch(r -> r.startsWith("plain restart-platform"))
                .anyMatch(r -> r.startsWith("platformer factory-reset"));
    }

    @Test
    void aPeerOverItsRequestLimitIsAnsweredThrottledAndStaysConnected() throws Exception {
        FloodLimits tight = new FloodLimits(2, Duration.ofHours(1), 10, Duration.ofHours(1), Duration.ofSeconds(1));
        Path socket = start(new MasterPolicy(ContextPolicy.open(), tight, PeerMachines.none()));
        try (RawPeer peer = hello(socket, "c1")) {
            for (int i = 0; i < 5; i++) {
                peer.send(new Request("r" + i, "a.service", ActionType.RESTART_CONTEXT, 1, Optional.empty(), 0));
            }
            int ok = 0;
            int throttled = 0;
            for (int i = 0; i < 5; i++) {
                Ack ack = MasterServerWedgeAndFloodTest.nextAck(peer);
                if (ack.success()) {
                    ok++;
                } else if (ack.detail().startsWith("throttled")) {
                    throttled++;
                }
            }
            assertThat(ok).isEqualTo(2);
            assertThat(throttled).isEqualTo(3);
            // a resend of a request that ran is answered from the ledger, not throttled
            peer.send(new Request("r0", "a.service", ActionType.RESTART_CONTEXT, 1, Optional.empty(), 0));
            assertThat(MasterServerWedgeAndFloodTest.nextAck(peer).success()).isTrue();
        }
        assertThat(executions).hasValue(2);
        assertThat(closures).noneMatch(c -> c.contains("c1"));
    }

    @Test
    void anUnknownOutcomeIsSentAsSuch() throws Exception {
        InMemoryRequestLedger ledger = new InMemoryRequestLedger(10);
        ledger.begin("c1", "r1", java.time.Instant.EPOCH);
        ledger.executing("c1", "r1", java.time.Instant.EPOCH);
        Path socket = tmp.resolve("run/rmgr.sock");
        master = new MasterServer(
                MasterSettings.of(socket, "host", TIMEOUT, Set.of(0)),
                r -> CompletableFuture.completedFuture(ActionOutcome.ok("ran")),
                ledger,
                (context, service) -> {});
        master.start();
        try (RawPeer peer = hello(socket, "c1")) {
            peer.send(new Request("r1", "a.service", ActionType.RESTART_CONTEXT, 1, Optional.empty(), 0));
            assertThat(MasterServerWedgeAndFloodTest.nextAck(peer).outcome()).isEqualTo(Ack.Outcome.UNKNOWN);
        }
    }

    /**
     * A real process with a container's mapped uid (100000, as the host sees a user-namespaced
     * container's root) connects to the real socket: it gets its own context and no other.
     */
    @Test
    void aContainersMappedUidIsAdmittedForExactlyItsOwnContext() throws Exception {
        // the operator lets the container reach the socket (here: world-accessible test directories)
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path runDir = Files.createDirectories(tmp.resolve("shared-run"));
        Files.setPosixFilePermissions(runDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path socket = start(
                bound(
                        PeerMachines.none(),
                        ContextGrant.of("container1", 0, Optional.empty()),
                        ContextGrant.of("container2", 100000, Optional.empty())),
                runDir.resolve("rmgr.sock"));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        Path client = tmp.resolve("Claim.java");
        Files.writeString(client, CLAIM_CLIENT);
        Files.setPosixFilePermissions(client, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(claimAsUid(100000, client, socket, "container1"))
                .startsWith("refused: ")
                .contains("belongs to uid 0, not to uid 100000");
        assertThat(claimAsUid(100000, client, socket, "elsewhere")).contains("not configured");
        assertThat(claimAsUid(100000, client, socket, "container2")).isEqualTo("accepted");
    }

    /** Runs the claim client as {@code uid} (setpriv) and returns what it printed. */
    private static String claimAsUid(int uid, Path client, Path socket, String context) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        "setpriv",
                        "--reuid=" + uid,
                        "--regid=" + uid,
                        "--clear-groups",
                        javaBin,
                        client.toString(),
                        socket.toString(),
                        context)
                .redirectErrorStream(true)
                .start();
        try {
            assertThat(p.waitFor(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
                    .as("claim client finished")
                    .isTrue();
            return new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        } finally {
            p.destroyForcibly();
        }
    }

    /** A minimal hostile client: sends Hello(1, context), prints the master's answer. */
    private static final String CLAIM_CLIENT =
            """
            import java.net.StandardProtocolFamily;
            import java.net.UnixDomainSocketAddress;
            import java.nio.ByteBuffer;
            import java.nio.channels.SocketChannel;
            import java.nio.charset.StandardCharsets;
            import java.nio.file.Path;

            public class Claim {
                public static void main(String[] args) throws Exception {
                    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                        ch.connect(UnixDomainSocketAddress.of(Path.of(args[0])));
                        byte[] name = args[1].getBytes(StandardCharsets.UTF_8);
                        ByteBuffer hello = ByteBuffer.allocate(9 + name.length);
                        hello.putInt(5 + name.length).put((byte) 1).putShort((short) 1);
                        hello.putShort((short) name.length).put(name).flip();
                        while (hello.hasRemaining()) {
                            ch.write(hello);
                        }
                        ByteBuffer head = ByteBuffer.allocate(4);
                        while (head.hasRemaining()) {
                            if (ch.read(head) < 0) {
                                System.out.println("closed");
                                return;
                            }
                        }
                        ByteBuffer body = ByteBuffer.allocate(head.flip().getInt());
                        while (body.hasRemaining() && ch.read(body) >= 0) {
                            // read the whole frame
                        }
                        body.flip();
                        byte type = body.get();
                        if (type == 3) {
                            byte[] reason = new byte[body.getShort() & 0xffff];
                            body.get(reason);
                            System.out.println("refused: " + new String(reason, StandardCharsets.UTF_8));
                        } else {
                            System.out.println(type == 2 ? "accepted" : "frame type " + type);
                        }
                    }
                }
            }
            """;

    @Test
    void grantsRejectNonSystemActionsAndDuplicates() {
        assertThatThrownBy(() -> new ContextGrant("c", 0, Optional.empty(), Set.of(ActionType.RESTART_SERVICE)))
                .hasMessageContaining("not a system-level action");
        assertThatThrownBy(() -> ContextPolicy.of(
                        List.of(ContextGrant.of("c", 0, Optional.empty()), ContextGrant.of("c", 1, Optional.empty()))))
                .hasMessageContaining("configured twice");
    }

    private static Message claim(Path socket, String context) throws Exception {
        try (RawPeer peer = new RawPeer(socket)) {
            peer.send(new Hello(FrameCodec.VERSION, context));
            return peer.read(WAIT);
        }
    }

    private static RawPeer hello(Path socket, String context) throws Exception {
        RawPeer peer = new RawPeer(socket);
        peer.send(new Hello(FrameCodec.VERSION, context));
        assertThat(peer.read(WAIT)).isInstanceOf(HelloAck.class);
        return peer;
    }
}
