package io.recoverymanager.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.model.ActionOutcome;
import io.recoverymanager.core.model.ActionRequest;
import io.recoverymanager.core.spi.SystemActions;
import io.recoverymanager.core.unit.ActionType;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The documented semantics of the {@link SystemActions} port, for an implementation that runs the
 * actions itself (a master): every data reset and system action has a disposition that does not
 * change; {@link SystemActions#execute} hands back a stage that completes normally, with a
 * successful outcome when the action ran and a failed one (never an exceptional stage) when it did
 * not. Implementations must run only harmless commands here (a test never restarts the machine).
 *
 * <p>Thread-safety: JUnit creates one instance per test.
 */
public abstract class SystemActionsContract {
    /** The bound on every wait; generous, for loaded machines. */
    protected static final Duration BOUND = Duration.ofSeconds(60);

    private static final Set<ActionType> PORT_ACTIONS = EnumSet.of(
            ActionType.RESET_PUBLIC_DATA,
            ActionType.RESET_PRIVATE_DATA,
            ActionType.RESTART_CONTEXT,
            ActionType.RESTART_PLATFORM,
            ActionType.FACTORY_RESET);

    /** An implementation whose system actions (restart-context, restart-platform) succeed. */
    protected abstract SystemActions succeeding();

    /** An implementation whose system actions (restart-context, restart-platform) fail. */
    protected abstract SystemActions failing();

    /** A directory with content that a public data reset may empty. */
    protected abstract String resettableDirectory();

    private static ActionRequest request(ActionType type, Optional<String> dataPath) {
        return new ActionRequest(
                "contract-" + type.tomlName(), "host", "app.service", type, 1, dataPath, Instant.now());
    }

    private static ActionOutcome run(SystemActions actions, ActionRequest request) {
        return Await.done(actions.execute(request), BOUND, request.action().tomlName());
    }

    @Test
    public void everyActionOfThePortHasAStableDisposition() {
        SystemActions actions = succeeding();
        for (ActionType type : PORT_ACTIONS) {
            SystemActions.Disposition first = actions.disposition(type);
            assertThat(first).as(type.tomlName()).isNotNull();
            assertThat(actions.disposition(type)).as(type.tomlName()).isEqualTo(first);
        }
    }

    @Test
    public void aSystemActionThatRanCompletesWithASuccessfulOutcome() {
        ActionOutcome outcome = run(succeeding(), request(ActionType.RESTART_PLATFORM, Optional.empty()));
        assertThat(outcome.success()).as(outcome.detail()).isTrue();
    }

    @Test
    public void aSystemActionThatFailedCompletesNormallyWithAFailedOutcome() {
        ActionOutcome outcome = run(failing(), request(ActionType.RESTART_CONTEXT, Optional.empty()));
        assertThat(outcome.success()).as(outcome.detail()).isFalse();
        assertThat(outcome.detail()).isNotBlank();
    }

    @Test
    public void aDataResetOfAnAllowedDirectoryCompletesWithASuccessfulOutcome() {
        ActionOutcome outcome =
                run(succeeding(), request(ActionType.RESET_PUBLIC_DATA, Optional.of(resettableDirectory())));
        assertThat(outcome.success()).as(outcome.detail()).isTrue();
    }
}
