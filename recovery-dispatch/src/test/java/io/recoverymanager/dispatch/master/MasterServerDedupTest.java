package io.recoverymanager.dispatch.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.model.ActionOutcome;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.dispatch.protocol.FrameCodec;
import io.recoverymanager.dispatch.protocol.Message;
import io.recoverymanager.dispatch.protocol.Message.Ack;
import io.recoverymanager.dispatch.protocol.Message.Hello;
import io.recoverymanager.dispatch.protocol.Message.HelloAck;
import io.recoverymanager.dispatch.protocol.Message.Request;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A request resent while it still runs, and again after reconnecting, runs once. */
class MasterServerDedupTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path tmp;

    @Test
    void resentWhileRunningAndAfterReconnectRunsOnce() throws Exception {
        Path socket = tmp.resolve("rmgr.sock");
        AtomicInteger runs = new AtomicInteger();
        CompletableFuture<ActionOutcome> running = new CompletableFuture<>();
        try (MasterServer master = new MasterServer(
                MasterSettings.of(socket, "host", Duration.ofSeconds(5), Set.of(0)),
                r -> {
                    runs.incrementAndGet();
                    return running;
                },
                new InMemoryRequestLedger(10),
                (c, s) -> {})) {
            master.start();
            // restart-context: what an unconfigured (open) master lets a slave request
            Request r = new Request("same", "a.service", ActionType.RESTART_CONTEXT, 7, Optional.empty(), 1);
            try (RawPeer first = new RawPeer(socket)) {
                first.send(new Hello(FrameCodec.VERSION, "box"));
                assertThat(first.read(WAIT)).isInstanceOf(HelloAck.class);
                first.send(r);
                first.send(r);
                Await.until("started", WAIT, () -> runs.get() == 1);
            }
            Await.until("first connection gone", WAIT, () -> master.connectedContexts()
                    .isEmpty());
            try (RawPeer second = new RawPeer(socket)) {
                second.send(new Hello(FrameCodec.VERSION, "box"));
                assertThat(second.read(WAIT)).isInstanceOf(HelloAck.class);
                second.send(r); // resent from the outbox while the action still runs
                running.complete(ActionOutcome.ok("context restart started"));
                Message m = second.read(WAIT);
                while (m instanceof Message.Heartbeat) {
                    m = second.read(WAIT);
                }
                assertThat(m).isEqualTo(new Ack("same", true, "context restart started"));
                second.send(r); // and once more after it ended
                m = second.read(WAIT);
                while (m instanceof Message.Heartbeat) {
                    m = second.read(WAIT);
                }
                assertThat(m).isEqualTo(new Ack("same", true, "context restart started"));
            }
            assertThat(runs).hasValue(1);
        }
    }
}
