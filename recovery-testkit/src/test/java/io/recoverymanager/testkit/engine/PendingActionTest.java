package io.recoverymanager.testkit.engine;

import static io.recoverymanager.core.unit.ActionType.RESET_PUBLIC_DATA;
import static io.recoverymanager.core.unit.ActionType.RESTART_PLATFORM;
import static io.recoverymanager.core.unit.ActionType.RESTART_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.core.model.ActionRequest;
import io.recoverymanager.core.model.PendingAction;
import io.recoverymanager.core.model.ServiceFailure;
import io.recoverymanager.testkit.FakeServiceManager.OnStart;
import io.recoverymanager.testkit.RecoveryHarness;
import io.recoverymanager.testkit.UnitBuilder;
import org.junit.jupiter.api.Test;

/**
 * Intent before action: the failure count and the action it selects are committed together as a
 * pending action, issued again with the same request id after a crash or a reconnect, and closed
 * when the outcome is known.
 */
class PendingActionTest {
    private static final String APP = "app.service";

    private static RecoveryHarness restarting(RecoveryHarness h) {
        h.install(UnitBuilder.forService(APP).action(RESTART_SERVICE, 3).build());
        return h.start();
    }

    @Test
    void theActionIsPendingFromTheCountUntilItsOutcomeIsKnown() {
        RecoveryHarness h = restarting(RecoveryHarness.create("host"));
        h.serviceManager().onStart(APP, OnStart.HANG);

        h.fail(APP);

        assertThat(h.store().pendingActions()).singleElement().satisfies(p -> {
            assertThat(p.service()).isEqualTo(APP);
            assertThat(p.action()).isEqualTo(RESTART_SERVICE);
            assertThat(p.rvector()).isEqualTo(1);
            assertThat(p.requestId())
                    .isEqualTo(h.events(RecoveryEvent.ActionIssued.class).get(0).requestId());
        });
    }

    @Test
    void aCompletedActionClosesItsPendingRecord() {
        RecoveryHarness h = restarting(RecoveryHarness.create("host"));

        h.fail(APP);

        assertThat(h.events(RecoveryEvent.ActionCompleted.class)).hasSize(1);
        assertThat(h.store().pendingActions()).isEmpty();
    }

    @Test
    void aRestartWhoseOutcomeWasLostIsIssuedAgainAtStartAndTheFailureCountedOnce() {
        RecoveryHarness h = restarting(RecoveryHarness.create("host"));
        h.serviceManager().onStart(APP, OnStart.HANG);
        ServiceFailure failure = h.fail(APP);
        String requestId = h.events(RecoveryEvent.ActionIssued.class).get(0).requestId();
        h.clearEvents();

        h.restart(false); // the daemon died before the restart's outcome was known
        h.engine().serviceFailed(failure); // systemd reports the still-failed service again
        h.loop().runPending();

        assertThat(h.serviceManager().count("restart", APP)).isEqualTo(1);
        assertThat(h.events(RecoveryEvent.ActionIssued.class))
                .singleElement()
                .extracting(RecoveryEvent.ActionIssued::requestId)
                .isEqualTo(requestId);
        assertThat(h.rvector(APP)).isEqualTo(1);
        assertThat(h.store().pendingActions()).isEmpty();
    }

    @Test
    void aPendingRestartIsIssuedAgainAfterTheServiceManagerResynced() {
        RecoveryHarness h = restarting(RecoveryHarness.create("host"));
        h.serviceManager().onStart(APP, OnStart.HANG);
        h.fail(APP); // the restart's job is lost with the connection
        h.serviceManager().onStart(APP, OnStart.BECOME_ACTIVE);

        h.serviceManager().resync();
        h.loop().runPending();

        assertThat(h.serviceManager().count("restart", APP)).isEqualTo(2);
        assertThat(h.serviceManager().activeState(APP)).isEqualTo("active");
        assertThat(h.rvector(APP)).isEqualTo(1);
        assertThat(h.store().pendingActions()).isEmpty();
    }

    @Test
    void aForwardedSystemActionWithoutAnswerIsForwardedAgainWithTheSameRequestId() {
        RecoveryHarness slave = RecoveryHarness.createSlave("container1");
        slave.install(UnitBuilder.forService(APP)
                .action(RESTART_SERVICE)
                .action(RESTART_PLATFORM)
                .build());
        slave.start();
        slave.fail(APP);
        slave.systemActions().withholdOutcomes();
        slave.fail(APP); // forwarded; killed before the outbox held it or the master answered

        slave.restart(false);

        assertThat(slave.systemActions().requests())
                .extracting(ActionRequest::requestId)
                .hasSize(2)
                .containsOnly(slave.systemActions().requests().get(0).requestId());
        assertThat(slave.rvector(APP)).isEqualTo(2);
        assertThat(slave.store().pendingActions())
                .extracting(PendingAction::action)
                .containsExactly(RESTART_PLATFORM);
    }

    @Test
    void aDestructiveActionRecordedAsStartedIsNotRunAgain() {
        RecoveryHarness h = RecoveryHarness.create("host");
        h.install(UnitBuilder.forService(APP)
                .publicData("/var/lib/app/public")
                .action(RESET_PUBLIC_DATA)
                .action(RESTART_SERVICE)
                .build());
        h.start();
        h.systemActions().withholdOutcomes();
        h.fail(APP);
        String requestId = h.systemActions().requests().get(0).requestId();
        h.store().markPendingStarted(requestId); // what the executor's journal does before it runs

        h.restart(false);

        assertThat(h.systemActions().requests()).hasSize(1);
        assertThat(h.serviceManager().count("start", APP)).isEqualTo(1);
        assertThat(h.events(RecoveryEvent.ActionCompleted.class))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.requestId()).isEqualTo(requestId);
                    assertThat(c.success()).isFalse();
                });
        assertThat(h.store().pendingActions()).isEmpty();
    }

    @Test
    void aStaleReportOfAnEarlierFailureIsNotCountedAgain() {
        RecoveryHarness h = restarting(RecoveryHarness.create("host"));
        ServiceFailure first = h.fail(APP);
        h.fail(APP);

        h.engine().serviceFailed(first); // the adapter reports the first failure again, late
        h.loop().runPending();

        assertThat(h.rvector(APP)).isEqualTo(2);
        assertThat(h.serviceManager().count("restart", APP)).isEqualTo(2);
    }

    @Test
    void aStaleReportOfAnEarlierFailureAfterADaemonRestartIsNotCountedAgain() {
        // Found by KillStormIT: after a restart the adapter reported a failure older than the last
        // one counted (a stale StateChangeTimestamp), and it was counted a second time.
        RecoveryHarness h = restarting(RecoveryHarness.create("host"));
        ServiceFailure first = h.fail(APP);
        h.clock().advance(java.time.Duration.ofSeconds(1));
        h.fail(APP);
        h.restart(false); // the new engine has no memory of the failures it saw
        h.engine().serviceFailed(first);
        h.loop().runPending();

        assertThat(h.rvector(APP)).isEqualTo(2);
    }

    @Test
    void aFailureSeenAtStartIsRecognisedWhenReportedAgainLater() {
        RecoveryHarness h = restarting(RecoveryHarness.create("host"));
        h.serviceManager().onStart(APP, OnStart.HANG);
        h.fail(APP);
        ServiceFailure second = h.fail(APP);
        h.restart(false);
        h.engine().serviceFailed(second); // the listing at start: already counted
        h.loop().runPending();
        h.fail(APP); // a new failure
        h.engine().serviceFailed(second); // and the old one once more, late
        h.loop().runPending();

        assertThat(h.rvector(APP)).isEqualTo(3);
    }
}
