package io.recoverymanager.dispatch.exec;

import io.recoverymanager.core.model.ActionOutcome;
import io.recoverymanager.core.model.ActionRequest;
import io.recoverymanager.core.spi.ServiceManager;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.dispatch.exec.CommandTemplate.Placeholder;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out actions on this machine: data resets (stop the service, reset its directory with the
 * built-in {@link DirectoryReset} or the configured command, start it again), the system actions
 * (their configured commands), and disable/restart-service through the {@link ServiceManager}.
 *
 * <p>Destructive actions are recorded through the {@link ActionJournal} before they run. Once a
 * restart-platform or factory-reset command has been started, this executor runs no further
 * system-level action (meditation until the process restarts with the next boot) and says so in
 * the outcome. Command arguments come only from templates; values that look like options (leading
 * {@code -}) or contain control characters are refused, so a hostile service or context name cannot
 * become a command option.
 *
 * <p>Work runs on two worker threads of its own; {@link #execute} returns at once and its stage
 * never completes exceptionally.
 *
 * <p>Thread-safety: safe for use from any thread.
 */
public final class LocalActionExecutor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalActionExecutor.class);

    private final ServiceManager services;
    private final CommandTemplates templates;
    private final DirectoryReset directoryReset;
    private final DataPathCheck pathCheck;
    private final ActionJournal journal;
    private final Duration serviceCallTimeout;
    private final CommandRunner runner;
    private final ExecutorService workers;
    private final AtomicReference<String> platformMeditation = new AtomicReference<>();

    /**
     * @param services the service-manager port of this context
     * @param templates the configured command templates
     * @param pathCheck the guard for data directories (also applied before a configured reset command)
     * @param journal records destructive actions before they run
     * @param serviceCallTimeout how long to wait for the service manager to stop/start a service
     */
    public LocalActionExecutor(
            ServiceManager services,
            CommandTemplates templates,
            DataPathCheck pathCheck,
            ActionJournal journal,
            Duration serviceCallTimeout) {
        this.services = Objects.requireNonNull(services, "services");
        this.templates = Objects.requireNonNull(templates, "templates");
        this.pathCheck = Objects.requireNonNull(pathCheck, "pathCheck");
        this.directoryReset = new DirectoryReset(pathCheck);
        this.journal = Objects.requireNonNull(journal, "journal");
        this.serviceCallTimeout = Objects.requireNonNull(serviceCallTimeout, "serviceCallTimeout");
        this.runner = new CommandRunner(templates.timeout(), templates.maxOutputBytes());
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(null, r, "rmgr-exec-" + n.incrementAndGet(), 256 * 1024);
            t.setDaemon(true);
            return t;
        });
    }

    /** Carries out the request on a worker thread; the stage completes with its outcome. */
    public CompletionStage<ActionOutcome> execute(ActionRequest request) {
        Objects.requireNonNull(request, "request");
        try {
            return CompletableFuture.supplyAsync(() -> run(request), workers);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.completedFuture(ActionOutcome.failed("not run: the executor is shut down"));
        }
    }

    /** Whether a platform restart or factory reset has been started (no further system actions). */
    public Optional<String> platformMeditation() {
        return Optional.ofNullable(platformMeditation.get());
    }

    private ActionOutcome run(ActionRequest r) {
        try {
            Optional<String> bad = valueProblem("service", r.service()).or(() -> valueProblem("context", r.context()));
            if (bad.isPresent()) {
                return ActionOutcome.failed("not run: " + bad.get());
            }
            return switch (r.action()) {
                case RESET_PUBLIC_DATA, RESET_PRIVATE_DATA -> dataReset(r);
                case RESTART_CONTEXT, RESTART_PLATFORM, FACTORY_RESET -> systemAction(r);
                case DISABLE_SERVICE -> serviceCall(
                        r, "disabled until the next boot", () -> services.disableForBoot(r.service()));
                case RESTART_SERVICE -> serviceCall(r, "restarted", () -> services.restart(r.service()));
                case IGNORE_SERVICE -> ActionOutcome.ok("ignored");
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ActionOutcome.failed("interrupted while running " + r.action());
        } catch (RuntimeException e) {
            log.error("{} of {} failed unexpectedly", r.action(), r.service(), e);
            return ActionOutcome.failed(r.action() + " failed: " + e);
        }
    }

    private ActionOutcome dataReset(ActionRequest r) throws InterruptedException {
        if (r.dataPath().isEmpty()) {
            return ActionOutcome.failed("not run: no data directory configured for " + r.service());
        }
        String path = r.dataPath().get();
        Optional<CommandTemplate> template = templates.forAction(r.action());
        // The same refusal before the built-in reset and before a configured command: the path
        // check, then no symbolic link in any component of the path.
        String refusal = directoryReset.refusal(path);
        if (refusal != null) {
            return ActionOutcome.failed("refused: " + refusal);
        }
        List<String> argv = template.isEmpty() ? List.of() : template.get().expand(values(r, path));
        String what = template.isEmpty()
                ? "stop " + r.service() + ", delete the contents of " + path + ", start it"
                : "stop " + r.service() + ", run " + argv + ", start it";
        Optional<ActionOutcome> notRecorded = record(r, what);
        if (notRecorded.isPresent()) {
            return notRecorded.get();
        }
        String stopProblem = await(services.stop(r.service()));
        if (stopProblem != null) {
            return ActionOutcome.failed("not reset: stopping " + r.service() + " failed: " + stopProblem);
        }
        boolean resetOk;
        String resetDetail;
        if (template.isEmpty()) {
            try {
                resetDetail = directoryReset.reset(path);
                resetOk = true;
            } catch (IOException e) {
                resetDetail = "reset of " + path + " failed: " + e.getMessage();
                resetOk = false;
            }
        } else {
            CommandResult result = runner.run(argv);
            resetOk = result.succeeded();
            resetDetail = result.describe();
        }
        String startProblem = await(services.start(r.service()));
        String detail = resetDetail
                + (startProblem == null
                        ? "; " + r.service() + " started"
                        : "; starting " + r.service() + " failed: " + startProblem);
        return resetOk && startProblem == null ? ActionOutcome.ok(detail) : ActionOutcome.failed(detail);
    }

    private ActionOutcome systemAction(ActionRequest r) throws InterruptedException {
        String meditation = platformMeditation.get();
        if (meditation != null) {
            return ActionOutcome.failed("not run: " + meditation + "; no further system actions until the next boot");
        }
        Optional<CommandTemplate> template = templates.forAction(r.action());
        if (template.isEmpty()) {
            return ActionOutcome.failed("no " + r.action().tomlName() + " command configured");
        }
        List<String> argv = template.get().expand(values(r, null));
        Optional<ActionOutcome> notRecorded = record(r, "run " + argv + " for " + r.service() + " in " + r.context());
        if (notRecorded.isPresent()) {
            return notRecorded.get();
        }
        boolean platformWide = r.action() == ActionType.RESTART_PLATFORM || r.action() == ActionType.FACTORY_RESET;
        if (platformWide
                && !platformMeditation.compareAndSet(
                        null,
                        r.action().tomlName() + " for " + r.service() + " in " + r.context() + " started at "
                                + Instant.now())) {
            return ActionOutcome.failed(
                    "not run: " + platformMeditation.get() + "; no further system actions until the next boot");
        }
        log.warn("running {} for {} in {}: {}", r.action(), r.service(), r.context(), argv);
        CommandResult result = runner.run(argv);
        if (platformWide && !result.started()) {
            platformMeditation.set(null); // nothing was started, so nothing to wait for
        }
        return result.succeeded() ? ActionOutcome.ok(result.describe()) : ActionOutcome.failed(result.describe());
    }

    private Optional<ActionOutcome> record(ActionRequest r, String what) {
        try {
            journal.beforeDestructive(r, what);
            return Optional.empty();
        } catch (RuntimeException e) {
            log.error("could not record {} before running it", r.action(), e);
            return Optional.of(ActionOutcome.failed("not run: could not record it first: " + e));
        }
    }

    private ActionOutcome serviceCall(
            ActionRequest r, String done, java.util.function.Supplier<CompletionStage<Void>> call)
            throws InterruptedException {
        String problem = await(call.get());
        return problem == null
                ? ActionOutcome.ok(r.service() + " " + done)
                : ActionOutcome.failed(r.action() + " of " + r.service() + " failed: " + problem);
    }

    /** Waits for a service-manager call; null when it succeeded, else why not. */
    private String await(CompletionStage<Void> stage) throws InterruptedException {
        try {
            stage.toCompletableFuture().get(serviceCallTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return String.valueOf(e.getCause() == null ? e : e.getCause().getMessage());
        } catch (TimeoutException e) {
            return "no answer within " + serviceCallTimeout;
        }
    }

    private static Map<Placeholder, String> values(ActionRequest r, String path) {
        Map<Placeholder, String> v = new EnumMap<>(Placeholder.class);
        v.put(Placeholder.SERVICE, r.service());
        v.put(Placeholder.CONTEXT, r.context());
        if (path != null) {
            v.put(Placeholder.PATH, path);
        }
        return v;
    }

    /** Refuses values that could be taken as options or carry control characters. */
    static Optional<String> valueProblem(String what, String value) {
        if (value.isEmpty()) {
            return Optional.of(what + " is empty");
        }
        if (value.startsWith("-")) {
            return Optional.of(what + " '" + value + "' starts with '-' and could be taken as an option");
        }
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.of(what + " contains control characters");
        }
        return Optional.empty();
    }

    /** Stops the worker threads; a command in flight is interrupted. */
    @Override
    public void close() {
        workers.shutdownNow();
    }
}
