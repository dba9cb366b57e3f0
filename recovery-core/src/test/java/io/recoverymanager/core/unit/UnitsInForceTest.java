package io.recoverymanager.core.unit;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.unit.Friend.FriendAction;
import io.recoverymanager.core.unit.Friend.FriendType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The look-up policy that was the stores' (and in the store contract): the own unit before the
 * template's, and friends matched by type, name and context.
 */
class UnitsInForceTest {
    private static final String ECHO = "echo.service";
    private static final String GETTY = "getty@.service";
    private static final String TTY1 = "getty@tty1.service";
    private static final String TTY2 = "getty@tty2.service";

    private static RecoveryUnit unit(String service, ActionType type, Friend... friends) {
        return new RecoveryUnit(
                service.replace(".service", ".toml"),
                service,
                Duration.ofSeconds(60),
                false,
                Optional.empty(),
                Optional.empty(),
                List.of(new RecoveryAction(type, 1, false)),
                List.of(friends));
    }

    private static Friend friend(FriendType type, String name, String context, FriendAction action) {
        return new Friend(type, name, Optional.ofNullable(context), action, 0, Duration.ZERO);
    }

    @Test
    void unitForFindsTheOwnUnitThenTheTemplate() {
        RecoveryUnit getty = unit(GETTY, ActionType.RESTART_SERVICE);
        RecoveryUnit tty1Own = unit(TTY1, ActionType.DISABLE_SERVICE);
        RecoveryUnit echo = unit(ECHO, ActionType.RESTART_SERVICE);
        UnitsInForce units = UnitsInForce.of(List.of(getty, tty1Own, echo));

        assertThat(units.unitFor(TTY1)).contains(tty1Own);
        assertThat(units.unitFor(TTY2)).contains(getty);
        assertThat(units.unitFor(GETTY)).contains(getty);
        assertThat(units.unitFor(ECHO)).contains(echo);
        assertThat(units.unitFor("unknown.service")).isEmpty();
        assertThat(units.unitFor("unknown@x.service")).isEmpty();
        assertThat(UnitsInForce.of(List.of()).unitFor(ECHO)).isEmpty();
    }

    @Test
    void withFriendMatchesTypeNameAndContext() {
        RecoveryUnit elsewhere = unit(
                "watcher.service",
                ActionType.RESTART_SERVICE,
                friend(FriendType.SERVICE, "db.service", "container2", FriendAction.RESTART));
        RecoveryUnit ownContext = unit(
                "local.service",
                ActionType.RESTART_SERVICE,
                friend(FriendType.SERVICE, "db.service", null, FriendAction.STOP));
        RecoveryUnit processFriend = unit(
                "proc.service",
                ActionType.RESTART_SERVICE,
                friend(FriendType.PROCESS, "db.service", "container2", FriendAction.START));
        UnitsInForce units =
                UnitsInForce.of(List.of(ownContext, processFriend, elsewhere, unit(ECHO, ActionType.RESTART_SERVICE)));

        assertThat(units.withFriend(FriendType.SERVICE, "db.service", "container2", "host"))
                .containsExactly(elsewhere);
        assertThat(units.withFriend(FriendType.SERVICE, "db.service", "host", "host"))
                .containsExactly(ownContext);
        assertThat(units.withFriend(FriendType.SERVICE, "db.service", "container2", "container2"))
                .containsExactly(ownContext, elsewhere);
        assertThat(units.withFriend(FriendType.PROCESS, "db.service", "container2", "host"))
                .containsExactly(processFriend);
        assertThat(units.withFriend(FriendType.SERVICE, "db.service", "container3", "host"))
                .isEmpty();
        assertThat(units.withFriend(FriendType.SERVICE, "web.service", "container2", "host"))
                .isEmpty();
    }
}
