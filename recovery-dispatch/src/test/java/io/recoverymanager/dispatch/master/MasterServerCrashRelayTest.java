package io.recoverymanager.dispatch.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.model.ActionOutcome;
import io.recoverymanager.dispatch.slave.SlaveLink;
import io.recoverymanager.dispatch.slave.SlaveSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash reports seen on the master reach every slave with a possible friend, over real sockets:
 * the slave of the context the crash names included (its process friends live there).
 */
class MasterServerCrashRelayTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private MasterServer master;
    private final List<SlaveLink> slaves = new ArrayList<>();
    private final List<String> heard = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startMasterAndTwoSlaves() throws Exception {
        Path socket = tmp.resolve("run/rmgr.sock");
        master = new MasterServer(
                MasterSettings.of(socket, "host", TIMEOUT, Set.of(0)),
                r -> CompletableFuture.completedFuture(ActionOutcome.ok("ran")),
                new InMemoryRequestLedger(100),
                (context, service) -> heard.add("master heard failure " + context + "/" + service));
        master.start();
        for (String context : List.of("c1", "c2")) {
            SlaveLink slave = new SlaveLink(
                    new SlaveSettings(socket, context, TIMEOUT, Duration.ofMillis(50), Duration.ofMillis(200), WAIT),
                    new InMemoryOutbox(),
                    new SlaveLink.Listener() {
                        @Override
                        public void serviceFailedElsewhere(String where, String service) {
                            heard.add(context + " heard failure " + where + "/" + service);
                        }

                        @Override
                        public void processCrashed(String where, String process) {
                            heard.add(context + " heard crash " + where + "/" + process);
                        }
                    });
            slaves.add(slave);
            slave.start();
            Await.until(context + " connected", WAIT, slave::isConnected);
        }
    }

    @AfterEach
    void stop() {
        slaves.forEach(SlaveLink::close);
        if (master != null) {
            master.close();
        }
    }

    @Test
    void crashNamingAContextReachesThatContextsSlaveAndTheOthers() throws Exception {
        master.broadcastProcessCrash("c1", "player");

        Await.until("c1 heard the crash in its own context", WAIT, () -> heard.contains("c1 heard crash c1/player"));
        Await.until("c2 heard it too", WAIT, () -> heard.contains("c2 heard crash c1/player"));
    }

    @Test
    void crashOnTheHostReachesEverySlave() throws Exception {
        master.broadcastProcessCrash("host", "compositor");

        Await.until("c1 heard it", WAIT, () -> heard.contains("c1 heard crash host/compositor"));
        Await.until("c2 heard it", WAIT, () -> heard.contains("c2 heard crash host/compositor"));
    }

    @Test
    void aSlavesOwnServiceFailureIsRelayedToTheOthersButNotEchoedBack() throws Exception {
        slaves.get(0).reportServiceFailure("db.service");

        Await.until("master heard it", WAIT, () -> heard.contains("master heard failure c1/db.service"));
        Await.until("c2 heard it", WAIT, () -> heard.contains("c2 heard failure c1/db.service"));
        // A marker sent after the failure: once c1 has it, an echo of the failure would have arrived.
        master.broadcastProcessCrash("host", "marker");
        Await.until("c1 heard the marker", WAIT, () -> heard.contains("c1 heard crash host/marker"));
        assertThat(heard).doesNotContain("c1 heard failure c1/db.service");
    }
}
