package io.recoverymanager.systemd.journal;

import java.util.Optional;
import java.util.Set;

/**
 * The {@code MESSAGE_ID}s of the daemon's journal entries: fixed 128-bit ids (as {@code journalctl
 * --new-id128} makes them), one per kind of event an operator selects by, so {@code journalctl
 * MESSAGE_ID=...} finds them across a fleet. Documented in the README; never change one.
 *
 * <p>Thread-safety: constants.
 */
public final class JournalMessageIds {
    /** A managed service failed (the rvector grew). */
    public static final String FAILURE = "3c0a5f2e8b7d4a41b2e6d9c17f05a843";

    /** A service-level action (restart-service, resets, disable) was issued or forwarded. */
    public static final String ACTION = "7e41c2b96a0f4d3d8c5b1e2f9a6d0c74";

    /** A system-level action (restart-context, restart-platform, factory-reset) was issued or forwarded. */
    public static final String SYSTEM_ACTION = "d5b8e3a1f2c94e07a6b3c8d1e0f7a952";

    /** An action ended, done or failed. */
    public static final String ACTION_OUTCOME = "a2f6d0c8e4b14c9fb7e3d5a1c9f8b026";

    /** The context began meditating: no actions until its next boot. */
    public static final String MEDITATION = "5f9c1e7a3b2d4806a4c8e6f0b1d3a759";

    /** A failure beyond the last action of the ladder. */
    public static final String EXHAUSTED = "c8e2a4f6b0d14e3a9c7f5b1d3e8a6024";

    /** An action was decided but not issued (the context meditates). */
    public static final String SUPPRESSED = "0b7d9f1e3c5a4b62a8e0c2f4d6b8a193";

    /** A service stayed up for its relax time; its rvector returned to 0. */
    public static final String RECOVERED = "e1a3c5e7f9b24d6e8a0c2e4f6a8c0b35";

    /** A unit file was rejected. */
    public static final String UNIT_REJECTED = "4d6f8b0a2c4e4f81b3d5f7a9c1e3b570";

    private static final Set<String> SYSTEM_LEVEL = Set.of("restart-context", "restart-platform", "factory-reset");

    private JournalMessageIds() {}

    /** The id of an engine event of this kind and action, if its kind has one. */
    public static Optional<String> of(String kind, String action) {
        return Optional.ofNullable(
                switch (kind) {
                    case "failure" -> FAILURE;
                    case "action", "forwarded" -> SYSTEM_LEVEL.contains(action) ? SYSTEM_ACTION : ACTION;
                    case "action-done", "action-failed" -> ACTION_OUTCOME;
                    case "meditation" -> MEDITATION;
                    case "exhausted" -> EXHAUSTED;
                    case "suppressed" -> SUPPRESSED;
                    case "recovered" -> RECOVERED;
                    case "unit-rejected" -> UNIT_REJECTED;
                    default -> null;
                });
    }
}
