package io.recoverymanager.testkit;

import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.core.unit.Friend;
import io.recoverymanager.core.unit.Friend.FriendAction;
import io.recoverymanager.core.unit.Friend.FriendType;
import io.recoverymanager.core.unit.RecoveryAction;
import io.recoverymanager.core.unit.RecoveryUnit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds recovery units in code for tests: {@code UnitBuilder.forService("echo.service")
 * .relaxTime(Duration.ofSeconds(60)).action(RESTART_SERVICE, 3).action(RESET_PUBLIC_DATA)
 * .publicData("/var/lib/echo/public").build()}.
 *
 * <p>Thread-safety: not thread-safe.
 */
public final class UnitBuilder {
    private final String service;
    private String source;
    private Duration relaxTime = Duration.ofSeconds(60);
    private boolean checkStart;
    private String publicData;
    private String privateData;
    private final List<RecoveryAction> actions = new ArrayList<>();
    private final List<Friend> friends = new ArrayList<>();
    private final java.util.Map<ActionType, io.recoverymanager.core.unit.ActionBudget> budgets =
            new java.util.EnumMap<>(ActionType.class);

    private UnitBuilder(String service) {
        this.service = service;
        this.source = service.replace(".service", "") + ".toml";
    }

    /** Starts a unit for the service (or template); relax time defaults to 60 s. */
    public static UnitBuilder forService(String service) {
        return new UnitBuilder(service);
    }

    public UnitBuilder source(String source) {
        this.source = source;
        return this;
    }

    public UnitBuilder relaxTime(Duration relaxTime) {
        this.relaxTime = relaxTime;
        return this;
    }

    public UnitBuilder checkStart(boolean checkStart) {
        this.checkStart = checkStart;
        return this;
    }

    public UnitBuilder publicData(String path) {
        this.publicData = path;
        return this;
    }

    public UnitBuilder privateData(String path) {
        this.privateData = path;
        return this;
    }

    /** Adds an action with retry 1. */
    public UnitBuilder action(ActionType type) {
        return action(type, 1);
    }

    /** Adds an action with a retry count. */
    public UnitBuilder action(ActionType type, int retry) {
        actions.add(new RecoveryAction(type, retry, false));
        return this;
    }

    /** Adds an action that resets the rvector right after it ran. */
    public UnitBuilder resettingAction(ActionType type, int retry) {
        actions.add(new RecoveryAction(type, retry, true));
        return this;
    }

    /** Adds a friend in another context (or the own one when {@code context} is null). */
    public UnitBuilder friend(FriendType type, String name, String context, FriendAction action, Duration delay) {
        friends.add(new Friend(type, name, Optional.ofNullable(context), action, 0, delay));
        return this;
    }

    /** Adds a friend that makes the unit's service receive a signal. */
    public UnitBuilder signalFriend(FriendType type, String name, String context, int signal, Duration delay) {
        friends.add(new Friend(type, name, Optional.ofNullable(context), FriendAction.SIGNAL, signal, delay));
        return this;
    }

    /** Overrides the instance's budget of a destructive action for this unit ({@code [budget]}). */
    public UnitBuilder budget(ActionType type, int count, Duration window) {
        budgets.put(type, new io.recoverymanager.core.unit.ActionBudget(count, window));
        return this;
    }

    public RecoveryUnit build() {
        return new RecoveryUnit(
                source,
                service,
                relaxTime,
                checkStart,
                Optional.ofNullable(publicData),
                Optional.ofNullable(privateData),
                actions,
                friends,
                new io.recoverymanager.core.unit.ActionBudgets(budgets));
    }
}
