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
 *     (each empty when not configured)
 * @param timeout how long a command may run before it (and its descendants) is killed
 * @param maxOutputBytes how much of a command's combined output is kept for the history
 *     <p>Thread-safety: immutable.
 */
public record CommandTemplates(
        Optional<CommandTemplate> publicDataReset,
        Optional<CommandTemplate> privateDataReset,
        Optional<CommandTemplate> contextRestart,
        Optional<CommandTemplate> platformRestart,
        Optional<CommandTemplate> factoryReset,
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
                Optional.empty(),
                Optional.empty(),
                Optional.of(CommandTemplate.of("machinectl", "reboot", "${context}")),
                Optional.of(CommandTemplate.of("systemctl", "reboot")),
                Optional.empty(),
                Duration.ofSeconds(60),
                4096);
    }

    /**
     * Builds the templates from the {@code [commands]} keys of the configuration, validating each
     * (errors name the key and the argument, see {@link CommandTemplate#configured}); an empty list
     * leaves the action unconfigured.
     */
    public static CommandTemplates fromConfig(
            List<String> publicDataReset,
            List<String> privateDataReset,
            List<String> contextRestart,
            List<String> platformRestart,
            List<String> factoryReset,
            Duration timeout,
            int maxOutputBytes) {
        return new CommandTemplates(
                CommandTemplate.configured(
                        "commands.public-data-reset", publicDataReset, CommandTemplate.DATA_RESET_PLACEHOLDERS),
                CommandTemplate.configured(
                        "commands.private-data-reset", privateDataReset, CommandTemplate.DATA_RESET_PLACEHOLDERS),
                CommandTemplate.configured(
                        "commands.context-restart", contextRestart, CommandTemplate.SYSTEM_ACTION_PLACEHOLDERS),
                CommandTemplate.configured(
                        "commands.platform-restart", platformRestart, CommandTemplate.SYSTEM_ACTION_PLACEHOLDERS),
                CommandTemplate.configured(
                        "commands.factory-reset", factoryReset, CommandTemplate.SYSTEM_ACTION_PLACEHOLDERS),
                timeout,
                maxOutputBytes);
    }

    /**
     * The command configured for an action type; empty when none is (the built-in reset, a refusal)
     * and for types that run no command.
     */
    public Optional<CommandTemplate> forAction(ActionType type) {
        return switch (type) {
            case RESET_PUBLIC_DATA -> publicDataReset;
            case RESET_PRIVATE_DATA -> privateDataReset;
            case RESTART_CONTEXT -> contextRestart;
            case RESTART_PLATFORM -> platformRestart;
            case FACTORY_RESET -> factoryReset;
            default -> Optional.empty();
        };
    }
}
