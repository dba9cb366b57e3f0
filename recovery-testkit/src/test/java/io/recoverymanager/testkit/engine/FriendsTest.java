package io.recoverymanager.testkit.engine;

import static io.recoverymanager.core.unit.ActionType.RESTART_PLATFORM;
import static io.recoverymanager.core.unit.ActionType.RESTART_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.core.unit.Friend.FriendAction;
import io.recoverymanager.core.unit.Friend.FriendType;
import io.recoverymanager.testkit.FakeServiceManager.ControlCall;
import io.recoverymanager.testkit.RecoveryHarness;
import io.recoverymanager.testkit.UnitBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Behaviour 7: friends react to failures elsewhere without touching any rvector. */
class FriendsTest {
    private static final String WATCHER = "watcher.service";

    private final RecoveryHarness harness = RecoveryHarness.create("host");

    @Test
    void aServiceFriendInAnotherContextRestartsTheUnitsServiceAfterTheDelay() {
        harness.install(UnitBuilder.forService(WATCHER)
                .action(RESTART_SERVICE)
                .friend(FriendType.SERVICE, "dummy.service", "container2", FriendAction.RESTART, Duration.ofSeconds(5))
                .build());
        harness.start();

        harness.failElsewhere("container2", "dummy.service");
        assertThat(harness.serviceManager().count("restart", WATCHER)).isZero();

        harness.advance(Duration.ofSeconds(5));
        assertThat(harness.serviceManager().count("restart", WATCHER)).isEqualTo(1);
        assertThat(harness.events(RecoveryEvent.FriendActionIssued.class))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.friend()).isEqualTo("dummy.service");
                    assertThat(e.friendContext()).isEqualTo("container2");
                    assertThat(e.service()).isEqualTo(WATCHER);
                });
        assertThat(harness.rvector(WATCHER)).isZero();
    }

    @Test
    void aFailureInAnotherContextThanTheFriendsIsIgnored() {
        harness.install(UnitBuilder.forService(WATCHER)
                .action(RESTART_SERVICE)
                .friend(FriendType.SERVICE, "dummy.service", "container2", FriendAction.RESTART, Duration.ZERO)
                .build());
        harness.start();

        harness.failElsewhere("container3", "dummy.service");
        harness.advance(Duration.ofMinutes(1));

        assertThat(harness.events(RecoveryEvent.FriendActionIssued.class)).isEmpty();
    }

    @Test
    void aServiceFriendInTheOwnContextIsIgnored() {
        harness.install(UnitBuilder.forService(WATCHER)
                .action(RESTART_SERVICE)
                .friend(FriendType.SERVICE, "dummy.service", null, FriendAction.RESTART, Duration.ZERO)
                .build());
        harness.start();

        harness.fail("dummy.service");
        harness.failElsewhere("host", "dummy.service");
        harness.advance(Duration.ofMinutes(1));

        assertThat(harness.events(RecoveryEvent.FriendActionIssued.class)).isEmpty();
        assertThat(harness.serviceManager().count("restart", WATCHER)).isZero();
    }

    @Test
    void aProcessFriendInTheOwnContextSignalsTheService() {
        harness.serviceManager().register(WATCHER);
        harness.install(UnitBuilder.forService(WATCHER)
                .action(RESTART_SERVICE)
                .signalFriend(FriendType.PROCESS, "dummyprocess2", null, 1, Duration.ofSeconds(3))
                .build());
        harness.start();

        harness.crashProcess("host", "dummyprocess2");
        harness.advance(Duration.ofSeconds(3));

        assertThat(harness.serviceManager().calls()).contains(new ControlCall("signal", WATCHER, 1));
        assertThat(harness.events(RecoveryEvent.FriendActionIssued.class))
                .singleElement()
                .satisfies(e -> assertThat(e.action()).isEqualTo("signal 1"));
    }

    @Test
    void processFriendsInOtherContextsStartAndStop() {
        harness.install(
                UnitBuilder.forService("a.service")
                        .action(RESTART_SERVICE)
                        .friend(FriendType.PROCESS, "p", "c1", FriendAction.STOP, Duration.ZERO)
                        .build(),
                UnitBuilder.forService("b.service")
                        .action(RESTART_SERVICE)
                        .friend(FriendType.PROCESS, "p", "c1", FriendAction.START, Duration.ZERO)
                        .build());
        harness.start();

        harness.crashProcess("c1", "p");

        assertThat(harness.serviceManager().calls())
                .contains(new ControlCall("stop", "a.service", 0), new ControlCall("start", "b.service", 0));
    }

    @Test
    void friendActionsNeverChangeAnyRvector() {
        harness.install(UnitBuilder.forService(WATCHER)
                .action(RESTART_SERVICE, 3)
                .friend(FriendType.SERVICE, "dummy.service", "c2", FriendAction.RESTART, Duration.ZERO)
                .build());
        harness.start();
        harness.fail(WATCHER);

        harness.failElsewhere("c2", "dummy.service");

        assertThat(harness.rvector(WATCHER)).isEqualTo(1);
    }

    @Test
    void friendActionsAreSuppressedWhileMeditating() {
        harness.install(
                UnitBuilder.forService(WATCHER)
                        .action(RESTART_SERVICE)
                        .friend(FriendType.SERVICE, "dummy.service", "c2", FriendAction.RESTART, Duration.ZERO)
                        .build(),
                UnitBuilder.forService("app.service").action(RESTART_PLATFORM).build());
        harness.start();
        harness.fail("app.service");

        harness.failElsewhere("c2", "dummy.service");

        assertThat(harness.events(RecoveryEvent.FriendActionIssued.class)).isEmpty();
        assertThat(harness.serviceManager().count("restart", WATCHER)).isZero();
    }
}
