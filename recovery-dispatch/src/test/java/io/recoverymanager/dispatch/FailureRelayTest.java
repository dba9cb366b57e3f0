package io.recoverymanager.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.event.RecoveryEvent.FailureObserved;
import io.recoverymanager.core.event.RecoveryEvent.Recovered;
import io.recoverymanager.core.model.ActionOutcome;
import io.recoverymanager.dispatch.master.Await;
import io.recoverymanager.dispatch.master.InMemoryOutbox;
import io.recoverymanager.dispatch.master.InMemoryRequestLedger;
import io.recoverymanager.dispatch.master.MasterServer;
import io.recoverymanager.dispatch.master.MasterSettings;
import io.recoverymanager.dispatch.slave.SlaveLink;
import io.recoverymanager.dispatch.slave.SlaveSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures observed by one engine reach the engines of the other contexts, both ways. */
class FailureRelayTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path tmp;

    @Test
    void failuresTravelBothWays() throws Exception {
        Path socket = tmp.resolve("rmgr.sock");
        List<String> masterHeard = new CopyOnWriteArrayList<>();
        List<String> slaveHeard = new CopyOnWriteArrayList<>();
        try (MasterServer master = new MasterServer(
                        MasterSettings.of(socket, "host", Duration.ofSeconds(2), Set.of(0)),
                        r -> CompletableFuture.completedFuture(ActionOutcome.ok("")),
                        new InMemoryRequestLedger(10),
                        (context, service) -> masterHeard.add(context + "/" + service));
                SlaveLink link = new SlaveLink(
                        SlaveSettings.of(socket, "box", Duration.ofSeconds(2)),
                        new InMemoryOutbox(),
                        new SlaveLink.Listener() {
                            @Override
                            public void serviceFailedElsewhere(String context, String service) {
                                slaveHeard.add(context + "/" + service);
                            }

                            @Override
                            public void processCrashed(String context, String process) {}
                        })) {
            master.start();
            link.start();
            Await.until("slave connected", WAIT, link::isConnected);

            FailureRelay.forSlave(link)
                    .onEvent(new FailureObserved(Instant.EPOCH, "box", "db.service", 1, "exit-code", "f1", true));
            FailureRelay.forMaster(master)
                    .onEvent(new FailureObserved(Instant.EPOCH, "host", "net.service", 0, "signal", "f2", false));
            FailureRelay.forMaster(master).onEvent(new Recovered(Instant.EPOCH, "host", "other.service", 2));

            Await.until("master heard box", WAIT, () -> masterHeard.contains("box/db.service"));
            Await.until("slave heard host", WAIT, () -> slaveHeard.contains("host/net.service"));
            assertThat(slaveHeard).containsExactly("host/net.service");
            assertThat(masterHeard).containsExactly("box/db.service");
        }
    }
}
