package io.recoverymanager.dispatch.exec;

import io.recoverymanager.core.unit.ActionType;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code [commands]} configuration: one argv template per action that runs a command, and how
 * long a command may run.
 *
 * @param publicDataReset empty: the built-in safe reset of the directory's contents
 * @param privateDataReset empty: the built-in safe reset of the directory's contents
 * @param contextRestart run for restart-context
 * @param platformRestart run for restart-platform
 * @param factoryReset run for factory-reset; empty: refused and recorded
 * @param timeout how long a command may run before it (and its descendants) is killed
 * @param maxOutputBytes how much of a command's combined output is kept for the history
 *     <p>Thread-safety: immutable.
 */
public record CommandTemplates(
        CommandTemplate publicDataReset,
        CommandTemplate privateDataReset,
        CommandTemplate contextRestart,
        CommandTemplate platformRestart,
        CommandTemplate factoryReset,
        Duration timeout,
        int maxOutputBytes) {
    public CommandTemplates {
        Objects.requireNonNull(publicDataReset, "publicDataReset");
        Objects.requireNonNull(privateDataReset, "privateDataReset");
        Objects.requireNonNull(contextRestart, "contextRestart");
        Objects.requireNonNull(platformRestart, "platformRestart");
        Objects.requireNonNull(factoryReset, "factoryReset");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("commands timeout must be positive, was " + timeout);
        }
        if (maxOutputBytes < 0) {
            throw new IllegalArgumentException("maxOutputBytes must not be negative");
        }
    }

    /** The documented defaults of issue 5's {@code [commands]} section, with a 60 s timeout. */
    public static CommandTemplates defaults() {
        return new CommandTemplates(
                CommandTemplate.none(),
                CommandTemplate.none(),
                CommandTemplate.parseSystem("commands.context-restart", List.of("machinectl", "reboot", "${context}")),
                CommandTemplate.parseSystem("commands.platform-restart", List.of("systemctl", "reboot")),
                CommandTemplate.none(),
                Duration.ofSeconds(60),
                4096);
    }

    /** The template configured for an action type; empty for types that run no command. */
    public Optional<CommandTemplate> forAction(ActionType type) {
        return Optional.ofNullable(
                switch (type) {
                    case RESET_PUBLIC_DATA -> publicDataReset;
                    case RESET_PRIVATE_DATA -> privateDataReset;
                    case RESTART_CONTEXT -> contextRestart;
                    case RESTART_PLATFORM -> platformRestart;
                    case FACTORY_RESET -> factoryReset;
                    default -> null;
                });
    }
}
