package io.recoverymanager.core.unit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated recovery unit: the ladder of actions and the friends of one service (or of every
 * instance of a template service such as {@code getty@.service}).
 *
 * <p>Build one with {@link UnitParser}; the constructor checks only structural invariants.
 *
 * @param source where the unit came from (its file name); units are tracked by source so that a
 *     file that stops validating keeps its last good version in force
 * @param service the service name, e.g. {@code echo.service} or the template {@code getty@.service}
 * @param relaxTime the relax time per rvector step, positive
 * @param checkStart whether the service must be active at the integrity check
 * @param publicData the public data directory, for reset-public-data
 * @param privateData the private data directory, for reset-private-data
 * @param actions the ladder, mild to destructive, non-empty
 * @param friends services and processes this unit's service reacts to
 * @param budgets this unit's overrides of the instance's destructive-action budgets ({@code
 *     [budget]}); empty for none
 *     <p>Thread-safety: immutable.
 */
public record RecoveryUnit(
        String source,
        String service,
        Duration relaxTime,
        boolean checkStart,
        Optional<String> publicData,
        Optional<String> privateData,
        List<RecoveryAction> actions,
        List<Friend> friends,
        ActionBudgets budgets) {

    /** A unit without budget overrides. */
    public RecoveryUnit(
            String source,
            String service,
            Duration relaxTime,
            boolean checkStart,
            Optional<String> publicData,
            Optional<String> privateData,
            List<RecoveryAction> actions,
            List<Friend> friends) {
        this(source, service, relaxTime, checkStart, publicData, privateData, actions, friends, ActionBudgets.none());
    }

    public RecoveryUnit {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(relaxTime, "relaxTime");
        Objects.requireNonNull(publicData, "publicData");
        Objects.requireNonNull(privateData, "privateData");
        Objects.requireNonNull(budgets, "budgets");
        actions = List.copyOf(actions);
        friends = List.copyOf(friends);
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("a unit needs at least one action");
        }
        if (relaxTime.isZero() || relaxTime.isNegative()) {
            throw new IllegalArgumentException("relax time must be positive");
        }
    }

    /** The ladder that selects actions for this unit. */
    public Ladder ladder() {
        return new Ladder(actions);
    }

    /** True for template units ({@code name@.service}) that apply to every instance. */
    public boolean isTemplate() {
        return ServiceNames.isTemplate(service);
    }

    /** Whether this unit governs the given concrete service (exactly, or as its template). */
    public boolean governs(String concreteService) {
        return service.equals(concreteService)
                || (isTemplate()
                        && ServiceNames.templateOf(concreteService)
                                .map(service::equals)
                                .orElse(false));
    }

    /** The data directory a data-reset action works on, if the unit defines it. */
    public Optional<String> dataPathFor(ActionType type) {
        return switch (type) {
            case RESET_PUBLIC_DATA -> publicData;
            case RESET_PRIVATE_DATA -> privateData;
            default -> Optional.empty();
        };
    }

    /**
     * The canonical form: a stable text rendering of the parsed unit, independent of comments,
     * formatting, key order and aliases. The {@link #hash()} is computed over it.
     */
    public String canonicalForm() {
        StringBuilder b = new StringBuilder(256);
        b.append("service=").append(service).append('\n');
        b.append("relax-time-ms=").append(relaxTime.toMillis()).append('\n');
        b.append("check-start=").append(checkStart).append('\n');
        publicData.ifPresent(p -> b.append("public-data=").append(p).append('\n'));
        privateData.ifPresent(p -> b.append("private-data=").append(p).append('\n'));
        for (RecoveryAction a : actions) {
            b.append("action=")
                    .append(a.type().tomlName())
                    .append(";retry=")
                    .append(a.retry())
                    .append(";reset=")
                    .append(a.reset())
                    .append('\n');
        }
        for (Friend f : friends) {
            b.append("friend=")
                    .append(f.type().tomlName())
                    .append(";name=")
                    .append(f.name())
                    .append(";context=")
                    .append(f.context().orElse(""))
                    .append(";action=")
                    .append(f.action().tomlName())
                    .append(";signal=")
                    .append(f.signal())
                    .append(";delay-ms=")
                    .append(f.delay().toMillis())
                    .append('\n');
        }
        // Only when set, so the hashes of units without overrides stay as they were.
        budgets.limits().forEach((type, budget) -> b.append("budget=")
                .append(type.tomlName())
                .append(";count=")
                .append(budget.count())
                .append(";window-ms=")
                .append(budget.window().toMillis())
                .append('\n'));
        return b.toString();
    }

    /** SHA-256 of the {@link #canonicalForm()}, lower-case hex. */
    public String hash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(canonicalForm().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
