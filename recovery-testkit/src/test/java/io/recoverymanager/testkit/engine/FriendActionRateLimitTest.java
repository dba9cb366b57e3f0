package io.recoverymanager.testkit.engine;

import static io.recoverymanager.core.unit.ActionType.RESTART_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.core.unit.Friend.FriendAction;
import io.recoverymanager.core.unit.Friend.FriendType;
import io.recoverymanager.testkit.RecoveryHarness;
import io.recoverymanager.testkit.UnitBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A flood of failures elsewhere does not restart a friend's service as fast as it arrives. */
class FriendActionRateLimitTest {
    private static final String WATCHER = "watcher.service";

    private final RecoveryHarness harness = RecoveryHarness.create("host");

    @Test
    void friendActionsAreRateLimitedPerServiceAndFriend() {
        harness.install(UnitBuilder.forService(WATCHER)
                .action(RESTART_SERVICE)
                .friend(FriendType.SERVICE, "dummy.service", "container2", FriendAction.RESTART, Duration.ZERO)
                .friend(FriendType.SERVICE, "other.service", "container2", FriendAction.RESTART, Duration.ZERO)
                .build());
        harness.start();

        for (int i = 0; i < 100; i++) {
            harness.failElsewhere("container2", "dummy.service");
        }
        harness.advance(Duration.ofMillis(1));
        assertThat(harness.serviceManager().count("restart", WATCHER)).isEqualTo(3);

        // another friend of the same service has its own budget
        harness.failElsewhere("container2", "other.service");
        harness.advance(Duration.ofMillis(1));
        assertThat(harness.serviceManager().count("restart", WATCHER)).isEqualTo(4);

        // the budget refills with time: one more per 10 s
        harness.advance(Duration.ofSeconds(10));
        harness.failElsewhere("container2", "dummy.service");
        harness.failElsewhere("container2", "dummy.service");
        harness.advance(Duration.ofMillis(1));
        assertThat(harness.serviceManager().count("restart", WATCHER)).isEqualTo(5);
        assertThat(harness.events(RecoveryEvent.FriendActionIssued.class)).hasSize(5);
        assertThat(harness.rvector(WATCHER)).isZero();
    }
}
