package io.recoverymanager.core.unit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The recovery actions a unit can list, from mild to destructive.
 *
 * <p>Each type has the name used in TOML units and the alias used by the original C
 * implementation, so units converted from {@code .recovery} files keep their meaning.
 *
 * <p>Thread-safety: immutable.
 */
public enum ActionType {
    /** Reset the rvector to 0 and do nothing else. */
    IGNORE_SERVICE("ignore-service", "ignoreService", Scope.SERVICE, false),
    /** Restart the failed service. */
    RESTART_SERVICE("restart-service", "resetService", Scope.SERVICE, false),
    /** Stop the service, delete the contents of its public data directory, start it again. */
    RESET_PUBLIC_DATA("reset-public-data", "resetPublicData", Scope.SERVICE, true),
    /** Stop the service, delete the contents of its private data directory, start it again. */
    RESET_PRIVATE_DATA("reset-private-data", "resetPrivateData", Scope.SERVICE, true),
    /** Stop the service and mask it until the next boot. */
    DISABLE_SERVICE("disable-service", "disableService", Scope.SERVICE, false),
    /** Restart the container (context) the service runs in; run by the master. */
    RESTART_CONTEXT("restart-context", "contextRestart", Scope.SYSTEM, true),
    /** Restart the whole platform; run by the master. */
    RESTART_PLATFORM("restart-platform", "platformRestart", Scope.SYSTEM, true),
    /** Reset the platform to factory state; run by the master. */
    FACTORY_RESET("factory-reset", "factoryReset", Scope.SYSTEM, true);

    /** Where an action takes effect. */
    public enum Scope {
        /** Affects only the failed service; every instance runs these itself. */
        SERVICE,
        /** Affects a whole context or the platform; slaves forward these to the master. */
        SYSTEM
    }

    private final String tomlName;
    private final String legacyName;
    private final Scope scope;
    private final boolean destructive;

    ActionType(String tomlName, String legacyName, Scope scope, boolean destructive) {
        this.tomlName = tomlName;
        this.legacyName = legacyName;
        this.scope = scope;
        this.destructive = destructive;
    }

    /** The name used in TOML units, e.g. {@code restart-service}. */
    public String tomlName() {
        return tomlName;
    }

    /** The name the original C implementation used, e.g. {@code resetService}. */
    public String legacyName() {
        return legacyName;
    }

    public Scope scope() {
        return scope;
    }

    /** True for system-level actions (restart-context, restart-platform, factory-reset). */
    public boolean isSystemLevel() {
        return scope == Scope.SYSTEM;
    }

    /** True for actions that destroy data or state and must be recorded before they run. */
    public boolean isDestructive() {
        return destructive;
    }

    /** Looks up a type by its TOML name or its legacy alias; case-sensitive for TOML names. */
    public static Optional<ActionType> byName(String name) {
        return Arrays.stream(values())
                .filter(t -> t.tomlName.equals(name) || t.legacyName.equals(name))
                .findFirst();
    }

    /** The accepted names, for error messages. */
    public static String acceptedNames() {
        return String.join(
                ", ", Arrays.stream(values()).map(ActionType::tomlName).toArray(String[]::new));
    }

    @Override
    public String toString() {
        return tomlName;
    }

    static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
