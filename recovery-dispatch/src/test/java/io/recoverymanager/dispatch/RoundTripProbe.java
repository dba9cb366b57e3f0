package io.recoverymanager.dispatch;

import io.recoverymanager.core.model.ActionOutcome;
import io.recoverymanager.core.model.ActionRequest;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.dispatch.master.InMemoryOutbox;
import io.recoverymanager.dispatch.master.InMemoryRequestLedger;
import io.recoverymanager.dispatch.master.MasterServer;
import io.recoverymanager.dispatch.master.MasterSettings;
import io.recoverymanager.dispatch.protocol.FrameCodec;
import io.recoverymanager.dispatch.protocol.Message;
import io.recoverymanager.dispatch.slave.SlaveLink;
import io.recoverymanager.dispatch.slave.SlaveSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: a probe run by {@code scripts/roundtrip.sh} that measures, in one run, the latency of
 * a forwarded request (slave outbox put, frame over the socket, master ledger, ack, outbox remove)
 * against the cost of encoding and decoding the same frames alone.
 */
public final class RoundTripProbe {
    private RoundTripProbe() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        Path dir = Files.createTempDirectory("rmgr-probe");
        Path socket = dir.resolve("rmgr.sock");
        try (MasterServer master = new MasterServer(
                        MasterSettings.of(socket, "host", Duration.ofSeconds(5), Set.of(0)),
                        r -> CompletableFuture.completedFuture(ActionOutcome.ok("ok")),
                        new InMemoryRequestLedger(n * 2),
                        (c, s) -> {});
                SlaveLink link = new SlaveLink(
                        SlaveSettings.of(socket, "box", Duration.ofSeconds(5)),
                        new InMemoryOutbox(),
                        new SlaveLink.Listener() {
                            @Override
                            public void serviceFailedElsewhere(String context, String service) {}

                            @Override
                            public void processCrashed(String context, String process) {}
                        })) {
            master.start();
            link.start();
            while (!link.isConnected()) {
                Thread.sleep(5);
            }
            long[] rtt = new long[n];
            for (int i = -1000; i < n; i++) { // 1000 warm-up rounds
                ActionRequest r = new ActionRequest(
                        "r" + i, "box", "app.service", ActionType.RESTART_CONTEXT, 3, Optional.empty(), Instant.now());
                long t0 = System.nanoTime();
                ActionOutcome o = link.forward(r).toCompletableFuture().get(10, TimeUnit.SECONDS);
                long t1 = System.nanoTime();
                if (!o.success()) {
                    throw new IllegalStateException(o.detail());
                }
                if (i >= 0) {
                    rtt[i] = t1 - t0;
                }
            }
            Arrays.sort(rtt);
            Message request =
                    new Message.Request("r123", "app.service", ActionType.RESTART_CONTEXT, 3, Optional.empty(), 0);
            Message ack = new Message.Ack("r123", true, "master: ok");
            long codecTotal = 0;
            for (int round = 0; round < 2; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    FrameCodec.decodeFrame(FrameCodec.encode(request));
                    FrameCodec.decodeFrame(FrameCodec.encode(ack));
                }
                codecTotal = System.nanoTime() - t0;
            }
            double codecPer = codecTotal / (double) n;
            System.out.printf(
                    "forwarded request round trip over AF_UNIX, n=%d: p50 %.1f us, p90 %.1f us, p99 %.1f us%n",
                    n, rtt[n / 2] / 1e3, rtt[n * 9 / 10] / 1e3, rtt[n * 99 / 100] / 1e3);
            System.out.printf(
                    "encode+decode of request and ack alone: %.2f us; round trip / codec = %.0fx%n",
                    codecPer / 1e3, rtt[n / 2] / codecPer);
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }
}
