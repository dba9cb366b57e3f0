package io.recoverymanager.testkit;

import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.core.unit.ActionType;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;

/**
 * Fluent assertions over the events an engine emitted. Failure messages show the whole timeline.
 *
 * <p>Thread-safety: not thread-safe; use from the test thread.
 */
public final class EventsAssert extends AbstractAssert<EventsAssert, List<RecoveryEvent>> {

    EventsAssert(List<RecoveryEvent> events) {
        super(List.copyOf(events), EventsAssert.class);
    }

    /** The events' kinds are exactly these, in order. */
    public EventsAssert hasKinds(String... kinds) {
        isNotNull();
        List<String> actualKinds = actual.stream().map(RecoveryEvent::kind).toList();
        if (!actualKinds.equals(Arrays.asList(kinds))) {
            failWithMessage("expected kinds %s but the timeline was:%n%s", Arrays.asList(kinds), timeline());
        }
        return this;
    }

    /** The kinds appear in this order, possibly with other events between them. */
    public EventsAssert containsKindsInOrder(String... kinds) {
        isNotNull();
        List<String> actualKinds = actual.stream().map(RecoveryEvent::kind).toList();
        Assertions.assertThat(actualKinds)
                .withFailMessage(
                        "expected kinds %s in order but the timeline was:%n%s", Arrays.asList(kinds), timeline())
                .containsSubsequence(kinds);
        return this;
    }

    /** The actions issued or forwarded for the service are exactly these, in order. */
    public EventsAssert hasActionsFor(String service, ActionType... actions) {
        isNotNull();
        List<ActionType> issued = actionsFor(service);
        if (!issued.equals(Arrays.asList(actions))) {
            failWithMessage(
                    "expected actions %s for %s but got %s; timeline:%n%s",
                    Arrays.asList(actions), service, issued, timeline());
        }
        return this;
    }

    /** No action was issued or forwarded at all. */
    public EventsAssert hasNoActions() {
        isNotNull();
        List<RecoveryEvent> acts = actual.stream()
                .filter(e -> e instanceof RecoveryEvent.ActionIssued || e instanceof RecoveryEvent.ActionForwarded)
                .toList();
        if (!acts.isEmpty()) {
            failWithMessage("expected no actions; timeline:%n%s", timeline());
        }
        return this;
    }

    /** The service was reported recovered (its relax timer fired with the rvector unchanged). */
    public EventsAssert hasRecovered(String service) {
        isNotNull();
        boolean recovered = actual.stream()
                .anyMatch(
                        e -> e instanceof RecoveryEvent.Recovered && e.service().equals(service));
        if (!recovered) {
            failWithMessage("expected %s to have recovered; timeline:%n%s", service, timeline());
        }
        return this;
    }

    /** The service was never reported recovered. */
    public EventsAssert hasNotRecovered(String service) {
        isNotNull();
        boolean recovered = actual.stream()
                .anyMatch(
                        e -> e instanceof RecoveryEvent.Recovered && e.service().equals(service));
        if (recovered) {
            failWithMessage("expected %s not to have recovered; timeline:%n%s", service, timeline());
        }
        return this;
    }

    /** Assertions over the events of one type. */
    public <T extends RecoveryEvent> ListAssert<T> ofType(Class<T> type) {
        isNotNull();
        return Assertions.assertThat(
                actual.stream().filter(type::isInstance).map(type::cast).toList());
    }

    /** The rvectors of the service's counted failures, in order. */
    public ListAssert<Integer> failureRvectorsOf(String service) {
        isNotNull();
        return Assertions.assertThat(actual.stream()
                .filter(e -> e instanceof RecoveryEvent.FailureObserved
                        && e.service().equals(service))
                .map(RecoveryEvent::rvector)
                .toList());
    }

    private List<ActionType> actionsFor(String service) {
        return actual.stream()
                .filter(e -> e.service().equals(service))
                .map(e -> {
                    if (e instanceof RecoveryEvent.ActionIssued issued) {
                        return issued.type();
                    }
                    if (e instanceof RecoveryEvent.ActionForwarded forwarded) {
                        return forwarded.type();
                    }
                    return null;
                })
                .filter(t -> t != null)
                .toList();
    }

    /** The timeline as text, one event a line. */
    public String timeline() {
        return actual.stream()
                .map(e -> String.format(
                        "  %s %-14s %-20s r=%d %s %s",
                        e.at(), e.kind(), e.service(), e.rvector(), e.action(), e.detail()))
                .collect(Collectors.joining(System.lineSeparator()));
    }
}
