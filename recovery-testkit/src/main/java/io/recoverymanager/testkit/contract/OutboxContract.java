package io.recoverymanager.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.model.ActionRequest;
import io.recoverymanager.core.spi.Outbox;
import io.recoverymanager.core.unit.ActionType;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The documented semantics of the {@link Outbox} port. Extend it (for example as a {@code @Nested}
 * class of the store's contract test) and return a fresh, empty outbox from {@link #newOutbox()}.
 *
 * <p>Thread-safety: JUnit creates one instance per test.
 */
public abstract class OutboxContract {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** The outbox under test; a fresh, empty one per test. */
    protected Outbox outbox;

    /** A fresh, empty outbox. */
    protected abstract Outbox newOutbox();

    @BeforeEach
    public void createOutbox() {
        outbox = newOutbox();
    }

    @AfterEach
    public void closeOutbox() throws Exception {
        if (outbox instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    private static ActionRequest request(String id, ActionType action, Optional<String> dataPath, int second) {
        return new ActionRequest(id, "container1", "echo.service", action, 4, dataPath, T0.plusSeconds(second));
    }

    @Test
    public void anEmptyOutboxHasNothingPending() {
        assertThat(outbox.pending()).isEmpty();
    }

    @Test
    public void pendingRequestsComeBackWhole() {
        ActionRequest withPath = request("r1", ActionType.RESET_PUBLIC_DATA, Optional.of("/var/lib/echo"), 1);
        ActionRequest withoutPath = request("r2", ActionType.RESTART_CONTEXT, Optional.empty(), 2);

        outbox.put(withPath);
        outbox.put(withoutPath);

        assertThat(outbox.pending()).containsExactly(withPath, withoutPath);
    }

    @Test
    public void pendingRequestsComeOldestFirstInPutOrder() {
        ActionRequest later = request("b", ActionType.RESTART_PLATFORM, Optional.empty(), 1);
        ActionRequest earlierId = request("a", ActionType.FACTORY_RESET, Optional.empty(), 2);
        outbox.put(later);
        outbox.put(earlierId);

        assertThat(outbox.pending()).extracting(ActionRequest::requestId).containsExactly("b", "a");
    }

    @Test
    public void puttingTheSameRequestIdAgainHasNoEffect() {
        ActionRequest first = request("r1", ActionType.RESTART_CONTEXT, Optional.empty(), 1);
        ActionRequest second = request("r2", ActionType.RESTART_CONTEXT, Optional.empty(), 2);
        outbox.put(first);
        outbox.put(second);

        outbox.put(first);
        outbox.put(request("r1", ActionType.FACTORY_RESET, Optional.empty(), 9));

        assertThat(outbox.pending()).containsExactly(first, second);
    }

    @Test
    public void removeDropsOnlyTheAcknowledgedRequest() {
        ActionRequest first = request("r1", ActionType.RESTART_CONTEXT, Optional.empty(), 1);
        ActionRequest second = request("r2", ActionType.RESTART_PLATFORM, Optional.empty(), 2);
        outbox.put(first);
        outbox.put(second);

        outbox.remove("r1");

        assertThat(outbox.pending()).containsExactly(second);
    }

    @Test
    public void removingAnUnknownIdIsIgnored() {
        ActionRequest first = request("r1", ActionType.RESTART_CONTEXT, Optional.empty(), 1);
        outbox.put(first);

        outbox.remove("never-put");

        assertThat(outbox.pending()).containsExactly(first);
    }

    @Test
    public void aRemovedIdCanBePutAgain() {
        ActionRequest first = request("r1", ActionType.RESTART_CONTEXT, Optional.empty(), 1);
        outbox.put(first);
        outbox.remove("r1");

        outbox.put(first);

        assertThat(outbox.pending()).containsExactly(first);
    }
}
