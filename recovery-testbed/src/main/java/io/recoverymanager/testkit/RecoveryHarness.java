package io.recoverymanager.testkit;

import io.recoverymanager.core.api.RecoveryEngine;
import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.core.model.ServiceFailure;
import io.recoverymanager.core.model.UnitSyncReport;
import io.recoverymanager.core.spi.RecoveryListener;
import io.recoverymanager.core.unit.RecoveryUnit;
import io.recoverymanager.core.unit.UnitCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The real engine wired to the testkit's fakes on virtual time. Every call runs the engine's loop
 * until it is idle, so a test reads like a timeline:
 *
 * <pre>{@code
 * RecoveryHarness h = RecoveryHarness.create("host");
 * h.install(UnitBuilder.forService("echo.service").action(RESTART_SERVICE, 3).build());
 * h.start();
 * h.fail("echo.service");
 * h.advance(Duration.ofMinutes(1));
 * assertThat(h).hasActionsFor("echo.service", RESTART_SERVICE).hasRecovered("echo.service");
 * }</pre>
 *
 * <p>Thread-safety: not thread-safe; drive it from the test thread.
 */
public final class RecoveryHarness {
    private final String context;
    private final ManualClock clock;
    private final VirtualEventLoop loop;
    private FakeServiceManager serviceManager;
    private final InMemoryRecoveryStore store;
    private final RecordingSystemActions systemActions;
    private final RecordingListener recorder = new RecordingListener();
    private final List<RecoveryListener> extraListeners = new ArrayList<>();
    private Duration integrityCheckDelay = Duration.ofSeconds(30);
    private String bootId = "boot-1";
    private RecoveryEngine engine;

    private RecoveryHarness(String context, RecordingSystemActions systemActions) {
        this.context = context;
        this.clock = new ManualClock();
        this.loop = new VirtualEventLoop(clock);
        this.serviceManager = new FakeServiceManager(clock);
        this.store = new InMemoryRecoveryStore();
        this.systemActions = systemActions;
        this.engine = newEngine();
    }

    /** A harness whose engine runs system actions itself (master). */
    public static RecoveryHarness create(String context) {
        return new RecoveryHarness(context, RecordingSystemActions.master());
    }

    /** A harness whose engine forwards system actions (slave). */
    public static RecoveryHarness createSlave(String context) {
        return new RecoveryHarness(context, RecordingSystemActions.slave());
    }

    /** Sets the integrity check delay of engines built from now on (call before {@link #start()}). */
    public RecoveryHarness integrityCheckDelay(Duration delay) {
        this.integrityCheckDelay = delay;
        this.engine = newEngine();
        return this;
    }

    /** Adds a listener to engines built from now on (call before {@link #start()}). */
    public RecoveryHarness listener(RecoveryListener listener) {
        extraListeners.add(listener);
        this.engine = newEngine();
        return this;
    }

    private RecoveryEngine newEngine() {
        var builder = RecoveryEngine.builder()
                .context(context)
                .bootId(bootId)
                .integrityCheckDelay(integrityCheckDelay)
                .clock(clock)
                .loop(loop)
                .store(store)
                .serviceManager(serviceManager)
                .systemActions(systemActions)
                .listener(recorder);
        extraListeners.forEach(builder::listener);
        return builder.build();
    }

    /** Makes these units the units in force. */
    public UnitSyncReport install(RecoveryUnit... units) {
        return sync(UnitCatalog.of(List.of(units)));
    }

    /** Syncs a catalog (valid units and rejected sources). */
    public UnitSyncReport sync(UnitCatalog catalog) {
        return await(engine.syncUnits(catalog));
    }

    /** Starts the engine. */
    public RecoveryHarness start() {
        await(engine.start());
        return this;
    }

    /**
     * Simulates a daemon restart: closes the engine and starts a new one on the same store, in the
     * same boot or (when {@code newBoot}) after a reboot. The fake service manager is replaced too,
     * keeping no observer.
     */
    public RecoveryHarness restart(boolean newBoot) {
        engine.close();
        loop.runPending();
        if (newBoot) {
            bootId = bootId + "+";
        }
        serviceManager = new FakeServiceManager(clock);
        engine = newEngine();
        return start();
    }

    /** Makes the service fail with result {@code exit-code}. */
    public ServiceFailure fail(String service) {
        return fail(service, "exit-code");
    }

    /** Makes the service fail with the result. */
    public ServiceFailure fail(String service, String result) {
        ServiceFailure failure = serviceManager.fail(service, result);
        loop.runPending();
        return failure;
    }

    /** Reports a service failure in another context. */
    public void failElsewhere(String otherContext, String service) {
        engine.serviceFailedElsewhere(otherContext, service);
        loop.runPending();
    }

    /** Reports a process crash in a context. */
    public void crashProcess(String crashContext, String process) {
        engine.processCrashed(crashContext, process);
        loop.runPending();
    }

    /** An operator reset; returns the previous rvector. */
    public int reset(String service) {
        return await(engine.reset(service));
    }

    /** Moves virtual time forward, running every timer that falls due. */
    public RecoveryHarness advance(Duration duration) {
        loop.advance(duration);
        return this;
    }

    /** Every event so far. */
    public List<RecoveryEvent> events() {
        return recorder.events();
    }

    /** Events of one type so far. */
    public <T extends RecoveryEvent> List<T> events(Class<T> type) {
        return recorder.events(type);
    }

    /** Forgets the events so far. */
    public void clearEvents() {
        recorder.clear();
    }

    /** The current rvector of a service, from the store. */
    public int rvector(String service) {
        return store.state(service).rvector();
    }

    public RecoveryEngine engine() {
        return engine;
    }

    /** The fake systemd of the current engine. */
    public FakeServiceManager serviceManager() {
        return serviceManager;
    }

    public InMemoryRecoveryStore store() {
        return store;
    }

    public RecordingSystemActions systemActions() {
        return systemActions;
    }

    public ManualClock clock() {
        return clock;
    }

    public VirtualEventLoop loop() {
        return loop;
    }

    private <T> T await(CompletionStage<T> stage) {
        loop.runPending();
        var future = stage.toCompletableFuture();
        if (!future.isDone()) {
            throw new IllegalStateException("engine did not complete the request on an idle loop");
        }
        return future.join();
    }
}
