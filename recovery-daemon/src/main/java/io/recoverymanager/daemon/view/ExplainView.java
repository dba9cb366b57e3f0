package io.recoverymanager.daemon.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recoverymanager.core.model.HistoryEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The answer to "why did it reboot?": one recovery action and the chain of failures that led to it,
 * read from the history. Without a service it explains the most recent system-level action
 * (restart-context, restart-platform, factory-reset), else the most recent action; with a service,
 * that service's most recent action. The chain starts at the failure that took the service's
 * rvector to 1 (or after its last recovery, reset or unit change) and ends with the action's
 * outcome; each failure shows its time, result, exit status or signal, invocation id and rvector,
 * the action chosen for it, who ran it (this instance, or the master for a forwarded action) and
 * the outcome.
 *
 * @param localContext the context of the instance whose history this is
 * @param target the row of the action explained, if the history holds one
 * @param steps the failures that led there, oldest first, each with what was done about it
 *     <p>Thread-safety: immutable.
 */
public record ExplainView(String localContext, Optional<HistoryEntry> target, List<Step> steps) {
    /** Action types that act on a whole context or machine. */
    public static final Set<String> SYSTEM_LEVEL = Set.of("restart-context", "restart-platform", "factory-reset");

    private static final Set<String> ACTION_KINDS = Set.of("action", "forwarded");
    private static final Set<String> EPISODE_ENDS = Set.of("recovered", "manual-reset", "unit-changed", "unit-added");
    private static final Pattern REQUEST_ID = Pattern.compile("request (\\S+)");

    public ExplainView {
        Objects.requireNonNull(localContext, "localContext");
        Objects.requireNonNull(target, "target");
        steps = List.copyOf(steps);
    }

    /**
     * One failure and what followed it.
     *
     * @param failure the failure row (kind {@code failure})
     * @param decision the action issued or forwarded for it, or the row saying why none was
     *     (suppressed, exhausted), if any
     * @param started the row written right before a destructive action ran, if any
     * @param outcome the row of the action's end (done, failed, acknowledged by the master), if any
     * @param meditation the row of the meditation the action began, if any
     */
    public record Step(
            HistoryEntry failure,
            Optional<HistoryEntry> decision,
            Optional<HistoryEntry> started,
            Optional<HistoryEntry> outcome,
            Optional<HistoryEntry> meditation) {
        public Step {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(started, "started");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(meditation, "meditation");
        }
    }

    /**
     * Explains from history rows, oldest first (already narrowed to a boot or a service where
     * asked).
     *
     * @param rows the history in scope
     * @param service explain this service's most recent action, else the most recent system-level
     *     one (else the most recent action)
     * @param localContext this instance's context (a destructive action started here for another
     *     context was a slave's request run by this master)
     */
    public static ExplainView of(List<HistoryEntry> rows, Optional<String> service, String localContext) {
        int target = -1;
        int anyAction = -1;
        for (int i = rows.size() - 1; i >= 0 && target < 0; i--) {
            HistoryEntry e = rows.get(i);
            if (service.isPresent() && !service.get().equals(e.service())) {
                continue;
            }
            if (!isAction(e, localContext)) {
                continue;
            }
            if (anyAction < 0) {
                anyAction = i;
            }
            if (service.isPresent() || SYSTEM_LEVEL.contains(e.action())) {
                target = i;
            }
        }
        if (target < 0) {
            target = anyAction;
        }
        if (target < 0) {
            return new ExplainView(localContext, Optional.empty(), List.of());
        }
        return new ExplainView(localContext, Optional.of(rows.get(target)), chain(rows, target));
    }

    /** Whether a decision row is an action that ran (here or at the master), not a refusal. */
    private static boolean ranAnAction(HistoryEntry decision) {
        return ACTION_KINDS.contains(decision.kind()) || decision.kind().equals("action-started");
    }

    private static boolean isAction(HistoryEntry e, String localContext) {
        return ACTION_KINDS.contains(e.kind())
                || ("action-started".equals(e.kind()) && !e.context().equals(localContext));
    }

    /** The failures of the target's service that led to it, and what followed each. */
    private static List<Step> chain(List<HistoryEntry> rows, int target) {
        HistoryEntry action = rows.get(target);
        String service = action.service();
        // back to the start of the episode
        int start = target;
        for (int i = target; i >= 0; i--) {
            HistoryEntry e = rows.get(i);
            if (!e.service().equals(service)) {
                continue;
            }
            if (EPISODE_ENDS.contains(e.kind()) && i < target) {
                break;
            }
            start = i;
            if ("failure".equals(e.kind()) && e.rvector() <= 1) {
                break;
            }
        }
        // forward to the target's outcome: until the next failure of the service after the target
        int end = rows.size();
        for (int i = target + 1; i < rows.size(); i++) {
            HistoryEntry e = rows.get(i);
            if (e.service().equals(service) && ("failure".equals(e.kind()) || EPISODE_ENDS.contains(e.kind()))) {
                end = i;
                break;
            }
        }
        List<StepBuilder> steps = new ArrayList<>();
        StepBuilder current = null;
        for (int i = start; i < end; i++) {
            HistoryEntry e = rows.get(i);
            boolean own = e.service().equals(service);
            if (own && "failure".equals(e.kind())) {
                current = new StepBuilder(e);
                steps.add(current);
                continue;
            }
            if (current == null) {
                if (i == target) {
                    // an action without a recorded failure (a slave's request run by this master)
                    current = new StepBuilder(null);
                    steps.add(current);
                } else {
                    continue;
                }
            }
            // An action's end may be recorded after the next failure (its job's end and that failure
            // race in the daemon): it belongs to the step whose action it ends, not to the latest.
            StepBuilder owner = own ? endedBy(steps, e).orElse(current) : current;
            owner.accept(e, own, i == target);
        }
        return steps.stream().map(StepBuilder::build).toList();
    }

    /** The latest step whose action {@code e} ends (same action and rvector, no end yet), if any. */
    private static Optional<StepBuilder> endedBy(List<StepBuilder> steps, HistoryEntry e) {
        if (!"action-done".equals(e.kind()) && !"action-failed".equals(e.kind())) {
            return Optional.empty();
        }
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i).isEndedBy(e)) {
                return Optional.of(steps.get(i));
            }
        }
        return Optional.empty();
    }

    /** Collects one step. */
    private static final class StepBuilder {
        private final HistoryEntry failure;
        private HistoryEntry decision;
        private HistoryEntry started;
        private HistoryEntry outcome;
        private HistoryEntry meditation;

        StepBuilder(HistoryEntry failure) {
            this.failure = failure;
        }

        void accept(HistoryEntry e, boolean ownService, boolean isTarget) {
            if (ownService) {
                switch (e.kind()) {
                    case "action", "forwarded", "suppressed", "exhausted" -> {
                        if (decision == null) {
                            decision = e;
                        }
                    }
                    case "action-started" -> {
                        if (isTarget && decision == null) {
                            decision = e;
                        } else if (started == null) {
                            started = e;
                        }
                    }
                    case "action-done", "action-failed" -> {
                        if (outcome == null) {
                            outcome = e;
                        }
                    }
                    case "meditation" -> meditation = e;
                    default -> {
                        // relax timers, friend actions: not part of the answer
                    }
                }
            } else if (decision != null
                    && "forwarded".equals(decision.kind())
                    && "forwarded-acknowledged".equals(e.kind())
                    && outcome == null
                    && requestId(decision)
                            .filter(id -> e.detail().startsWith("request " + id + ":"))
                            .isPresent()) {
                outcome = e;
            }
        }

        /** Whether {@code end} is the end of this step's action, which has none yet. */
        boolean isEndedBy(HistoryEntry end) {
            return decision != null
                    && outcome == null
                    && decision.rvector() == end.rvector()
                    && decision.action().equals(end.action());
        }

        Step build() {
            HistoryEntry head = failure != null ? failure : decision;
            return new Step(
                    head,
                    Optional.ofNullable(failure != null ? decision : null),
                    Optional.ofNullable(started),
                    Optional.ofNullable(outcome),
                    Optional.ofNullable(meditation));
        }
    }

    private static Optional<String> requestId(HistoryEntry e) {
        Matcher m = REQUEST_ID.matcher(e.detail());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Who ran an action: this instance, the master (forwarded), or this master for a slave. */
    public String runBy(HistoryEntry action) {
        return switch (action.kind()) {
            case "forwarded" -> "the master (forwarded by " + action.context() + ")";
            case "action-started" -> action.context().equals(localContext)
                    ? "this instance (" + localContext + ")"
                    : "this instance (" + localContext + ", the master) for " + action.context();
            default -> "this instance (" + action.context() + ")";
        };
    }

    /** The outcome of a step in a few words. */
    static String outcomeText(Step step) {
        Optional<HistoryEntry> decision = step.decision();
        if (decision.isEmpty()) {
            return step.failure().kind().equals("failure") ? "no action recorded" : "-";
        }
        String kind = decision.get().kind();
        if (kind.equals("suppressed")) {
            return "not run: " + decision.get().detail();
        }
        if (kind.equals("exhausted")) {
            return "no action left: " + decision.get().detail();
        }
        return step.outcome()
                .map(o -> switch (o.kind()) {
                    case "action-done" -> "done" + detailSuffix(o);
                    case "action-failed" -> "failed" + detailSuffix(o);
                    default -> o.detail().replaceFirst("^request \\S+: ", "");
                })
                .orElse(step.started().isPresent() ? "started; no outcome recorded" : "no outcome recorded");
    }

    private static String detailSuffix(HistoryEntry o) {
        return o.detail().isEmpty() ? "" : ": " + o.detail();
    }

    /** The failure's details in systemctl's words: {@code result=exit-code, status=3}. */
    static String failureText(HistoryEntry f) {
        StringBuilder b = new StringBuilder("result=");
        Matcher m = Pattern.compile("result=(\\S+)").matcher(f.detail());
        b.append(m.find() ? m.group(1) : "?");
        f.exitStatus().ifPresent(s -> b.append(", status=").append(s));
        f.signal().ifPresent(s -> b.append(", signal=").append(Signals.name(s)));
        if (!f.invocationId().isEmpty()) {
            b.append(", invocation ").append(f.invocationId());
        }
        return b.toString();
    }

    /** The text form. */
    public String toText(HumanTime time) {
        if (target.isEmpty()) {
            return "no recovery action in the history to explain\n";
        }
        HistoryEntry t = target.get();
        StringBuilder b = new StringBuilder();
        b.append(SYSTEM_LEVEL.contains(t.action()) ? "System action: " : "Action: ")
                .append(t.action())
                .append(" for ")
                .append(t.service().isEmpty() ? "-" : t.service())
                .append(" (context ")
                .append(t.context())
                .append(")\n");
        b.append("       When: ").append(time.timestampAndAge(t.time())).append('\n');
        b.append("     Run by: ").append(runBy(t)).append('\n');
        if (!t.bootId().isEmpty()) {
            b.append("       Boot: ").append(t.bootId()).append('\n');
        }
        Optional<Step> last = steps.isEmpty() ? Optional.empty() : Optional.of(steps.get(steps.size() - 1));
        b.append("    Outcome: ").append(last.map(ExplainView::outcomeText).orElse("-"));
        last.flatMap(Step::meditation)
                .ifPresent(m -> b.append("; ").append(m.context()).append(" meditates until its next boot"));
        b.append("\n\n");
        long failures =
                steps.stream().filter(s -> s.failure().kind().equals("failure")).count();
        b.append(failures == 1 ? "The failure that led there:\n" : "The " + failures + " failures that led there:\n");
        for (Step s : steps) {
            HistoryEntry f = s.failure();
            if (f.kind().equals("failure")) {
                b.append("  ")
                        .append(time.timestamp(f.time()))
                        .append("  ")
                        .append(f.service())
                        .append(" failed: ")
                        .append(failureText(f))
                        .append('\n');
                b.append("      rvector ").append(f.rvector()).append(" -> ");
            } else {
                b.append("  ")
                        .append(time.timestamp(f.time()))
                        .append("  request from ")
                        .append(f.context());
                b.append("\n      -> ");
            }
            Optional<HistoryEntry> d = f.kind().equals("failure") ? s.decision() : Optional.of(f);
            if (d.filter(ExplainView::ranAnAction).isPresent()) {
                b.append(d.get().action())
                        .append(", run by ")
                        .append(runBy(d.get()))
                        .append(": ");
            }
            b.append(outcomeText(s)).append('\n');
        }
        return b.toString();
    }

    /**
     * The JSON form: {@code {"found", "action", "service", "context", "time", "run_by", "boot_id",
     * "outcome", "meditation", "chain": [{"time", "service", "result", "exit_status", "signal",
     * "invocation_id", "rvector", "action", "run_by", "outcome"}]}}; times ISO-8601.
     */
    public String toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("found", target.isPresent());
        if (target.isEmpty()) {
            return Json.write(root);
        }
        HistoryEntry t = target.get();
        root.put("action", t.action());
        root.put("system_level", SYSTEM_LEVEL.contains(t.action()));
        root.put("service", t.service());
        root.put("context", t.context());
        root.put("time", t.time().toString());
        root.put("run_by", t.kind().equals("forwarded") ? "master" : "this-instance");
        root.put("boot_id", t.bootId());
        Optional<Step> last = steps.isEmpty() ? Optional.empty() : Optional.of(steps.get(steps.size() - 1));
        root.put("outcome", last.map(ExplainView::outcomeText).orElse(null));
        root.put("meditation", last.flatMap(Step::meditation).isPresent());
        ArrayNode chain = root.putArray("chain");
        for (Step s : steps) {
            HistoryEntry f = s.failure();
            ObjectNode o = chain.addObject();
            o.put("time", f.time().toString());
            o.put("service", f.service());
            boolean failure = f.kind().equals("failure");
            Matcher m = Pattern.compile("result=(\\S+)").matcher(f.detail());
            o.put("result", failure && m.find() ? m.group(1) : null);
            HistoryView.putOptional(o, "exit_status", f.exitStatus());
            HistoryView.putOptional(o, "signal", f.signal());
            o.put("invocation_id", f.invocationId());
            o.put("rvector", f.rvector());
            Optional<HistoryEntry> d = failure ? s.decision() : Optional.of(f);
            o.put(
                    "action",
                    d.map(HistoryEntry::action).filter(a -> !a.isEmpty()).orElse(null));
            o.put("decision", d.map(HistoryEntry::kind).orElse(null));
            o.put(
                    "run_by",
                    d.filter(ExplainView::ranAnAction)
                            .map(x -> x.kind().equals("forwarded") ? "master" : "this-instance")
                            .orElse(null));
            o.put("outcome", outcomeText(s));
        }
        return Json.write(root);
    }
}
