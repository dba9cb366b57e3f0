package io.recoverymanager.systemd;

import io.recoverymanager.core.model.ServiceStatus;
import io.recoverymanager.core.spi.ServiceManager;
import io.recoverymanager.core.spi.ServiceObserver;
import io.recoverymanager.core.unit.ServiceNames;
import io.recoverymanager.systemd.dbus.SystemdManager;
import io.recoverymanager.systemd.dbus.UnitInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.matchrules.DBusMatchRuleBuilder;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's {@link ServiceManager} on systemd over D-Bus (dbus-java 5).
 *
 * <h2>Watching</h2>
 *
 * After connecting it calls {@code Manager.Subscribe()} (systemd emits unit signals only to
 * subscribers), lists every {@code *.service} unit ({@code ListUnitsByPatterns}), follows {@code
 * UnitNew}/{@code UnitRemoved}, and follows unit state through one {@code PropertiesChanged}
 * handler whose match rule is narrowed to the {@code /org/freedesktop/systemd1/unit} path
 * namespace (no proxy per unit). systemd emits, for every change, the type-specific interface
 * ({@code ...Service}: {@code Result}, {@code ExecMainCode}, {@code ExecMainStatus}) before {@code
 * ...Unit} ({@code ActiveState}, {@code SubState}, {@code InvocationID}, {@code
 * StateChangeTimestamp}); the adapter keeps the former and decides on the latter. Properties that
 * did not arrive are fetched with {@code GetAll} on the adapter's own thread. See {@link
 * FailureDetector} for what counts as a failure and its identity; each identity is reported once.
 *
 * <h2>Threads</h2>
 *
 * Signal handlers run on dbus-java's single signal thread and only hand the signal over to the
 * adapter's own event thread ({@code systemd-events}), which owns all state, makes every blocking
 * call that watching needs (subscribe, listing, {@code GetAll}, reconnects) and calls the {@link
 * ServiceObserver}. Control calls, and the read-back that confirms a failure seen in a signal, run
 * on a small pool ({@code systemd-control-*}); the confirmed failure goes back to the event thread,
 * which deduplicates and reports it.
 *
 * <h2>Control calls</h2>
 *
 * {@link #restart}, {@link #start} and {@link #stop} complete when systemd's {@code JobRemoved}
 * reports their job finished: normally for result {@code done} (and {@code skipped} for stop),
 * exceptionally otherwise, when systemd refuses the call, when the connection is lost before the
 * job finishes, or after {@link SystemdConnectionConfig#jobTimeout()}. {@link #signal} completes
 * when {@code KillUnit} returns. {@link #disableForBoot} stops the service, masks it under {@code
 * /run} ({@code MaskUnitFiles} with runtime=true) and reloads systemd, because a mask does not
 * apply to an already loaded unit until a reload (verified on systemd 252); it then checks that the
 * unit is {@code masked} and completes exceptionally, saying why, when it is not: a runtime mask
 * does not override a unit file in a directory of higher priority ({@code /etc/systemd/system}).
 *
 * <h2>Surviving systemd and the bus</h2>
 *
 * A lost connection (dbus-daemon gone, peer-to-peer socket closed by {@code daemon-reexec}) is
 * reconnected with a doubling backoff on the event thread; a new owner of {@code
 * org.freedesktop.systemd1} on the bus ({@code daemon-reexec}) and the end of a reload ({@code
 * Reloading(false)}) cause a new Subscribe and a resync through {@code ListUnits}. A service found
 * failed during a gap is reported once (its identity is remembered). On a bus, a connection attempt
 * succeeds only when systemd owns its name; connecting to a socket-activated user bus is what brings
 * a killed dbus-daemon back, after which systemd reconnects to it by itself.
 *
 * <h2>Notes</h2>
 *
 * Services already failed when watching starts are reported once each (see {@link
 * SystemdConnectionConfig#reportFailedAtStart()}). {@code serviceAdded}/{@code serviceRemoved}
 * follow systemd's loading and unloading of units, which also happens when someone merely asks
 * about a unit that is not loaded (including {@link #status}).
 *
 * <p>Thread-safety: all public methods are safe from any thread.
 */
public final class SystemdServiceManager implements ServiceManager, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SystemdServiceManager.class);
    private static final String UNIT_PATH_NAMESPACE = "/org/freedesktop/systemd1/unit";
    private static final int CONTROL_THREADS = 8;

    private final SystemdConnectionConfig config;
    private final ScheduledExecutorService events;
    private final ExecutorService control;
    private final ExecutorService eventCalls;
    /** Reads restart policies in the background, one at a time (a storm of new units queues here). */
    private final ExecutorService policyReads;

    private final AtomicLong readBacks = new AtomicLong();
    private final JobTracker jobs = new JobTracker();
    private final CompletableFuture<Void> firstSync = new CompletableFuture<>();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong resyncs = new AtomicLong();

    // Owned by the event thread.
    private final FailureDetector detector = new FailureDetector();
    private final RestartPolicies restartPolicies = new RestartPolicies();
    private final Map<String, UnitView> units = new HashMap<>();
    private ServiceObserver observer;
    private boolean initialListingDone;
    private long linkGeneration;
    private Duration backoff;

    // Written on the event thread, read by control calls: services last seen failed or inactive,
    // which restart() starts instead of restarting (see there).
    private final Set<String> notRunning = ConcurrentHashMap.newKeySet();

    // Written on the event thread (through setLink), read by control calls.
    private volatile SystemdLink link;
    private final Object linkMonitor = new Object();
    private volatile boolean closed;

    private SystemdServiceManager(SystemdConnectionConfig config) {
        this.config = config;
        this.backoff = config.reconnectInitialBackoff();
        this.events = Executors.newSingleThreadScheduledExecutor(threads("systemd-events"));
        this.control = Executors.newFixedThreadPool(CONTROL_THREADS, threads("systemd-control"));
        this.eventCalls = Executors.newCachedThreadPool(threads("systemd-event-call"));
        this.policyReads = Executors.newSingleThreadExecutor(threads("systemd-policy"));
    }

    /**
     * Creates the adapter and starts connecting on its own thread; returns at once. Control calls
     * made before the connection is up complete exceptionally; see {@link #ready()}.
     */
    public static SystemdServiceManager connect(SystemdConnectionConfig config) {
        Objects.requireNonNull(config, "config");
        SystemdServiceManager manager = new SystemdServiceManager(config);
        manager.post(manager::connectAttempt);
        return manager;
    }

    /** Completes when watching has started: connected, subscribed and the initial listing applied. */
    public CompletionStage<Void> ready() {
        return firstSync.copy();
    }

    /** True while a connection to systemd is up. */
    public boolean isConnected() {
        SystemdLink current = link;
        return current != null && current.isConnected();
    }

    /** How many connections were established so far (1 + reconnects); for monitoring and tests. */
    public long connectionCount() {
        return connections.get();
    }

    /** How many full resyncs through {@code ListUnits} were done; for monitoring and tests. */
    public long resyncCount() {
        return resyncs.get();
    }

    /**
     * How many failures seen in a signal were confirmed by reading the unit's state back (the rest
     * were decided from the signal, the service's restart policy being known); for tests.
     */
    public long readBackCount() {
        return readBacks.get();
    }

    /**
     * Whether the adapter knows if systemd restarts this service by itself (read when the unit is
     * first seen changing state); for tests.
     */
    public CompletionStage<Boolean> knowsRestartPolicyOf(String service) {
        CompletableFuture<Boolean> known = new CompletableFuture<>();
        post(() -> known.complete(restartPolicies.isKnown(service)));
        return known;
    }

    @Override
    public void watch(ServiceObserver newObserver) {
        Objects.requireNonNull(newObserver, "observer");
        post(() -> {
            if (observer != null) {
                LOG.error("watch called twice; keeping the first observer");
                return;
            }
            observer = newObserver;
            if (link != null) {
                resyncOrReconnect();
            }
        });
    }

    // ---------------------------------------------------------------- connection lifecycle

    private void connectAttempt() {
        if (closed || link != null) {
            return;
        }
        long generation = ++linkGeneration;
        SystemdLink candidate = null;
        try {
            candidate = openWithin(config.connectTimeout(), generation);
            installHandlers(candidate, generation);
            SystemdLink probing = candidate;
            if (!onLink(probing, probing::systemdOnBus)) {
                throw new IllegalStateException("org.freedesktop.systemd1 has no owner on " + config.bus() + " yet");
            }
            subscribe(candidate);
            setLink(candidate);
            connections.incrementAndGet();
            LOG.info("connected to systemd via {} (connection #{})", config.bus(), connections.get());
            if (observer != null) {
                resync();
            }
            backoff = config.reconnectInitialBackoff();
        } catch (Exception e) {
            LOG.warn(
                    "connecting to systemd via {} failed: {}; retrying in {} ms",
                    config.bus(),
                    e.toString(),
                    backoff.toMillis());
            if (candidate != null) {
                candidate.close();
            }
            setLink(null);
            scheduleReconnect();
        }
    }

    /**
     * Opens a link on a helper thread and waits at most {@code timeout} for it: dbus-java bounds
     * only the socket connect, so a bus that accepts but never answers the authentication (a
     * dbus-daemon stalled under load, a socket activation that hangs) would otherwise hold the
     * event thread, and with it every reconnect, forever. A link that arrives late is closed.
     */
    private SystemdLink openWithin(Duration timeout, long generation) throws Exception {
        CompletableFuture<SystemdLink> opening = new CompletableFuture<>();
        try {
            eventCalls.execute(() -> {
                try {
                    opening.complete(SystemdLink.open(config, () -> post(() -> linkLost(generation))));
                } catch (Exception | LinkageError e) {
                    opening.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the systemd adapter is closed", e);
        }
        try {
            return opening.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            opening.thenAccept(SystemdLink::close);
            throw new IllegalStateException("no answer from the bus within " + timeout.toMillis() + " ms", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
        }
    }

    private void setLink(SystemdLink newLink) {
        synchronized (linkMonitor) {
            link = newLink;
            linkMonitor.notifyAll();
        }
    }

    /** The current link, waiting up to the connect timeout for one; null when none came. */
    private SystemdLink awaitLink() {
        long deadline = System.nanoTime() + config.connectTimeout().toNanos();
        synchronized (linkMonitor) {
            while (link == null && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                try {
                    linkMonitor.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            return link;
        }
    }

    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        try {
            events.schedule(this::connectAttempt, backoff.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return;
        }
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(config.reconnectMaxBackoff()) > 0 ? config.reconnectMaxBackoff() : doubled;
    }

    private void linkLost(long generation) {
        if (generation != linkGeneration || link == null) {
            return;
        }
        LOG.warn("lost the connection to systemd via {}; reconnecting", config.bus());
        dropLinkAndReconnect();
    }

    private void dropLinkAndReconnect() {
        SystemdLink lost = link;
        setLink(null);
        linkGeneration++;
        if (lost != null) {
            lost.close();
        }
        jobs.failAll(new IllegalStateException("lost the connection to systemd before the job finished"));
        scheduleReconnect();
    }

    private void installHandlers(SystemdLink candidate, long generation) throws DBusException {
        candidate.addHandler(
                DBusMatchRuleBuilder.create()
                        .withType(Properties.PropertiesChanged.class)
                        .withPathNamespace(UNIT_PATH_NAMESPACE)
                        .build(),
                (Properties.PropertiesChanged signal) -> guarded("PropertiesChanged", () -> {
                    String path = signal.getPath();
                    if (!UnitPaths.isServicePath(path)) {
                        return;
                    }
                    String iface = signal.getInterfaceName();
                    Map<String, Variant<?>> changed = signal.getPropertiesChanged();
                    post(() -> onPropertiesChanged(path, iface, changed));
                }));
        candidate.addHandler(
                SystemdManager.UnitNew.class,
                signal -> guarded("UnitNew", () -> {
                    String name = signal.unitName();
                    post(() -> onUnitNew(name));
                }));
        candidate.addHandler(
                SystemdManager.UnitRemoved.class,
                signal -> guarded("UnitRemoved", () -> {
                    String name = signal.unitName();
                    post(() -> onUnitRemoved(name));
                }));
        candidate.addHandler(
                SystemdManager.JobRemoved.class,
                signal -> guarded(
                        "JobRemoved", () -> jobs.removed(signal.jobPath().getPath(), signal.result())));
        candidate.addHandler(
                SystemdManager.Reloading.class,
                signal -> guarded("Reloading", () -> {
                    if (!signal.active()) {
                        post(() -> {
                            restartPolicies.forgetAll(); // unit files may have changed
                            if (generation == linkGeneration && link != null && observer != null) {
                                resyncOrReconnect();
                            }
                        });
                    }
                }));
        if (!candidate.isPeerToPeer()) {
            candidate.addHandler(
                    DBusMatchRuleBuilder.create()
                            .withType(DBus.NameOwnerChanged.class)
                            .withArg0123(0, SystemdManager.BUS_NAME)
                            .build(),
                    (DBus.NameOwnerChanged signal) -> guarded("NameOwnerChanged", () -> {
                        if (SystemdManager.BUS_NAME.equals(signal.name) && !signal.newOwner.isEmpty()) {
                            post(() -> onNewSystemdOwner(generation, signal.newOwner));
                        }
                    }));
        }
    }

    private void onNewSystemdOwner(long generation, String owner) {
        if (generation != linkGeneration || link == null) {
            return;
        }
        LOG.info("org.freedesktop.systemd1 has a new owner {} (re-exec?); subscribing again", owner);
        try {
            subscribe(link);
        } catch (RuntimeException | DBusException e) {
            LOG.warn("subscribing again failed: {}", e.toString());
            dropLinkAndReconnect();
            return;
        }
        if (observer != null) {
            resyncOrReconnect();
        }
    }

    private void resyncOrReconnect() {
        try {
            resync();
        } catch (RuntimeException | DBusException e) {
            LOG.warn("resync with systemd failed: {}; reconnecting", e.toString());
            dropLinkAndReconnect();
        }
    }

    // ---------------------------------------------------------------- state (event thread)

    private void resync() throws DBusException {
        SystemdLink current = link;
        if (current == null || observer == null) {
            return;
        }
        restartPolicies.forgetAll();
        List<UnitInfo> listing =
                onLink(current, () -> current.manager().listUnitsByPatterns(List.of(), List.of("*.service")));
        boolean initial = !initialListingDone;
        Set<String> present = new HashSet<>();
        List<String> added = new ArrayList<>();
        for (UnitInfo info : listing) {
            String name = info.getName();
            if (!ServiceNames.isService(name)) {
                continue;
            }
            present.add(name);
            UnitView view = units.get(name);
            if (view == null) {
                view = new UnitView(name);
                units.put(name, view);
                if (!initial) {
                    added.add(name);
                }
            }
            view.applyListing(info.getActiveState(), info.getSubState());
            noteRunState(view);
        }
        List<String> removed = new ArrayList<>();
        if (!initial) {
            units.keySet().removeIf(name -> {
                if (present.contains(name)) {
                    return false;
                }
                removed.add(name);
                notRunning.remove(name);
                return true;
            });
        }
        added.forEach(name -> notifyObserver(o -> o.serviceAdded(name)));
        removed.forEach(name -> notifyObserver(o -> o.serviceRemoved(name)));
        for (String name : present) {
            UnitView view = units.get(name);
            if (FailureDetector.isFailed(view.activeState, view.subState)) {
                fetchDetails(current, view);
                if (initial && !config.reportFailedAtStart()) {
                    detector.decide(view, Instant.now());
                } else {
                    report(view);
                }
            }
        }
        initialListingDone = true;
        resyncs.incrementAndGet();
        firstSync.complete(null);
        if (!initial) {
            notifyObserver(ServiceObserver::resynced);
        }
    }

    private void onPropertiesChanged(String path, String iface, Map<String, Variant<?>> changed) {
        if (observer == null) {
            return;
        }
        String name = UnitPaths.unitNameOf(path).orElse(null);
        if (name == null || !ServiceNames.isService(name)) {
            return;
        }
        UnitView view = units.computeIfAbsent(name, UnitView::new);
        if (UnitView.SERVICE_INTERFACE.equals(iface)) {
            view.applyServiceProperties(changed);
            return;
        }
        if (!UnitView.UNIT_INTERFACE.equals(iface)) {
            return;
        }
        view.applyUnitProperties(changed);
        noteRunState(view);
        learnRestartPolicy(name);
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "{}: {}/{} invocation={} changed={} result={} code={} status={} (signal had {} properties)",
                    name,
                    view.activeState,
                    view.subState,
                    view.invocationId,
                    view.stateChangeMicros,
                    view.result,
                    view.execMainCode,
                    view.execMainStatus,
                    changed.size());
        }
        if (!FailureDetector.isFailed(view.activeState, view.subState)) {
            return;
        }
        SystemdLink current = link;
        if (current == null) {
            return; // The resync after reconnecting will find it.
        }
        try {
            if (!view.hasFailureDetails()) {
                fetchDetails(current, view);
            }
        } catch (RuntimeException | DBusException e) {
            LOG.warn("reading the failure of {} failed: {}", name, e.toString());
            return;
        }
        if (!detector.isNew(view)) {
            return;
        }
        UnitView seen = view.copy();
        if (restartPolicies.neverRestartsItself(name)) {
            // Exact without a read-back: systemd never restarts this service by itself.
            report(seen);
            return;
        }
        readBacks.incrementAndGet();
        // Confirm off the event thread, so a storm of failures is confirmed in parallel while this
        // thread keeps taking signals; the decision (and deduplication) comes back here.
        try {
            control.execute(() -> {
                boolean restarting;
                try {
                    restarting = onLink(current, () -> restartingByItself(current, seen));
                } catch (LinkLostException e) {
                    // The resync after reconnecting finds it if it is still failed.
                    LOG.debug("confirming the failure of {} stopped: {}", seen.service, e.getMessage());
                    return;
                } catch (RuntimeException | DBusException e) {
                    LOG.warn("confirming the failure of {} failed: {}; reporting it", seen.service, e.toString());
                    restarting = false;
                }
                if (!restarting) {
                    post(() -> report(seen));
                }
            });
        } catch (RejectedExecutionException e) {
            // Closed.
        }
    }

    /**
     * Reads the unit's state back. systemd 252 emits {@code failed/failed} and then {@code
     * activating/auto-restart} within one iteration of its event loop when {@code Restart=} applies;
     * it answers this call after that iteration, so the answer tells a real failure from that
     * instant: still restarting by itself, or already restarted ({@code NRestarts} grew).
     */
    private boolean restartingByItself(SystemdLink current, UnitView view) throws DBusException {
        Properties properties = current.properties(UnitPaths.pathOf(view.service));
        // Both reads in flight at once: one round trip to a possibly busy systemd, not two.
        CompletableFuture<Object> restartsRead = CompletableFuture.supplyAsync(
                () -> properties.Get(UnitView.SERVICE_INTERFACE, "NRestarts"), eventCalls);
        String subNow = properties.Get(UnitView.UNIT_INTERFACE, "SubState");
        Long restartsNow = UnitView.number(restartsRead.join());
        boolean restarting = FailureDetector.isSystemdRestarting(subNow)
                || (view.restarts >= 0 && restartsNow != null && restartsNow > view.restarts);
        if (restarting) {
            LOG.debug(
                    "{} is being restarted by systemd itself ({}; NRestarts {} -> {}): not a failure",
                    view.service,
                    subNow,
                    view.restarts,
                    restartsNow);
        }
        return restarting;
    }

    /** Keeps {@link #notRunning} in step with the unit's state. Event thread. */
    private void noteRunState(UnitView view) {
        if ("failed".equals(view.activeState) || "inactive".equals(view.activeState)) {
            notRunning.add(view.service);
        } else {
            notRunning.remove(view.service);
        }
    }

    private void onUnitNew(String name) {
        if (observer == null || !ServiceNames.isService(name) || units.containsKey(name)) {
            return;
        }
        units.put(name, new UnitView(name));
        notifyObserver(o -> o.serviceAdded(name));
    }

    private void onUnitRemoved(String name) {
        restartPolicies.forget(name);
        notRunning.remove(name);
        if (observer == null || units.remove(name) == null) {
            return;
        }
        notifyObserver(o -> o.serviceRemoved(name));
    }

    /**
     * Reads the service's {@code Restart} and {@code RestartForceExitStatus} in the background the
     * first time it is seen changing, so its failures can be decided from their signal; see {@link
     * RestartPolicies}.
     */
    private void learnRestartPolicy(String name) {
        SystemdLink current = link;
        if (current == null || !restartPolicies.needsFetch(name)) {
            return;
        }
        long token = restartPolicies.fetching(name);
        try {
            policyReads.execute(() -> {
                try {
                    Properties properties = current.properties(UnitPaths.pathOf(name));
                    boolean never = onLink(
                            current,
                            () -> RestartPolicies.neverRestartsItself(
                                    properties.Get(UnitView.SERVICE_INTERFACE, "Restart"),
                                    properties.Get(UnitView.SERVICE_INTERFACE, "RestartForceExitStatus")));
                    post(() -> restartPolicies.fetched(name, token, never));
                } catch (RuntimeException | DBusException e) {
                    // Not understood or not readable: its failures are confirmed by reading back.
                    LOG.debug("reading the restart policy of {} failed: {}", name, e.toString());
                    post(() -> restartPolicies.fetched(name, token, false));
                }
            });
        } catch (RejectedExecutionException e) {
            // Closed.
        }
    }

    private void fetchDetails(SystemdLink current, UnitView view) throws DBusException {
        Properties properties = current.properties(UnitPaths.pathOf(view.service));
        Map<String, Variant<?>> service = onLink(current, () -> properties.GetAll(UnitView.SERVICE_INTERFACE));
        Map<String, Variant<?>> unit = onLink(current, () -> properties.GetAll(UnitView.UNIT_INTERFACE));
        view.applyServiceProperties(service);
        view.applyUnitProperties(unit);
    }

    private void subscribe(SystemdLink on) throws DBusException {
        try {
            onLink(on, () -> {
                on.manager().subscribe();
                return null;
            });
        } catch (RuntimeException e) {
            // systemd keeps subscriptions across daemon-reexec: "Client is already subscribed."
            String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (!message.contains("already subscribed")) {
                throw e;
            }
        }
    }

    /**
     * Runs a blocking call for the event thread on a helper thread and waits for it, but gives up
     * as soon as the link is found disconnected: dbus-java lets a call pending on a dead connection
     * wait for the full (global, 20 s) reply timeout, which would stall the event thread and delay
     * the reconnect.
     */
    private <T> T onLink(SystemdLink on, java.util.concurrent.Callable<T> call) throws DBusException {
        java.util.concurrent.Future<T> pending;
        try {
            pending = eventCalls.submit(call);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the systemd adapter is closed", e);
        }
        while (true) {
            try {
                return pending.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (!on.isConnected() || closed) {
                    pending.cancel(true);
                    throw new LinkLostException("the connection to systemd was lost during the call");
                }
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof DBusException d) {
                    throw d;
                }
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(cause);
            } catch (InterruptedException e) {
                pending.cancel(true);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during a call to systemd", e);
            }
        }
    }

    private void report(UnitView view) {
        if (!FailureDetector.isFailed(view.activeState, view.subState)) {
            return;
        }
        detector.decide(view, Instant.now()).ifPresent(failure -> {
            notifyObserver(o -> o.serviceFailed(failure)); // first: the log line is not on the failure path
            LOG.info(
                    "{} failed: result={} status={} id={}",
                    failure.service(),
                    failure.result(),
                    failure.exitStatus(),
                    failure.failureId());
        });
    }

    private void notifyObserver(java.util.function.Consumer<ServiceObserver> call) {
        try {
            call.accept(observer);
        } catch (RuntimeException | Error e) {
            LOG.error("the service observer threw", e);
        }
    }

    private void post(Runnable task) {
        try {
            events.execute(() -> guarded("event", task));
        } catch (RejectedExecutionException e) {
            // Closed: nothing to deliver any more.
        }
    }

    private static void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            LOG.error("handling {} failed", what, e);
        }
    }

    // ---------------------------------------------------------------- control

    /**
     * Restarts the service; one last seen failed or inactive is started ({@code StartUnit}), which
     * for systemd is the same and one job step shorter: a restart job on a stopped unit first
     * finishes its stop part, then becomes a start job and waits for another turn of systemd's
     * loop (issue 11). Should the service have come up meanwhile, the start leaves the new
     * instance running instead of restarting it.
     */
    @Override
    public CompletionStage<Void> restart(String service) {
        if (notRunning.contains(service)) {
            return pipelinedJob("restart", service, "startUnit", m -> m.startUnit(service, "replace"), Set.of("done"));
        }
        return pipelinedJob("restart", service, "restartUnit", m -> m.restartUnit(service, "replace"), Set.of("done"));
    }

    @Override
    public CompletionStage<Void> start(String service) {
        return pipelinedJob("start", service, "startUnit", m -> m.startUnit(service, "replace"), Set.of("done"));
    }

    @Override
    public CompletionStage<Void> stop(String service) {
        return pipelinedJob(
                "stop", service, "stopUnit", m -> m.stopUnit(service, "replace"), Set.of("done", "skipped"));
    }

    /**
     * Sends the job's call from the caller's thread without waiting for the reply (no hand-over to
     * the control pool, no thread blocked per call: a storm's calls are pipelined), then waits for
     * its {@code JobRemoved} like {@link #job}. Without a connection it takes {@link #job}'s path,
     * which waits for one.
     */
    private CompletionStage<Void> pipelinedJob(
            String verb,
            String service,
            String javaMethod,
            java.util.function.Function<SystemdManager, DBusPath> queue,
            Set<String> ok) {
        SystemdLink current = link;
        if (closed
                || current == null
                || !current.isConnected()
                || service == null
                || !ServiceNames.isService(service)
                || ServiceNames.isTemplate(service)) {
            return job(verb, service, queue, ok); // which refuses, or waits for a connection
        }
        CompletableFuture<DBusPath> queued = new CompletableFuture<>();
        try {
            current.callManagerAsync(
                    javaMethod,
                    new org.freedesktop.dbus.interfaces.CallbackHandler<DBusPath>() {
                        @Override
                        public void handle(DBusPath jobPath) {
                            queued.complete(jobPath);
                        }

                        @Override
                        public void handleError(org.freedesktop.dbus.exceptions.DBusExecutionException e) {
                            queued.completeExceptionally(new IllegalStateException(
                                    verb + " of " + service + " refused by systemd: " + e.getMessage(), e));
                        }
                    },
                    service,
                    "replace");
        } catch (RuntimeException e) {
            LOG.debug("sending {} of {} failed ({}); waiting for a connection", verb, service, e.toString());
            return job(verb, service, queue, ok);
        }
        return awaitJob(
                verb,
                service,
                queued.orTimeout(config.jobTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .exceptionallyCompose(error -> CompletableFuture.failedFuture(
                                error instanceof TimeoutException
                                        ? new IllegalStateException(
                                                verb + " of " + service + ": no reply within " + config.jobTimeout(),
                                                error)
                                        : error)),
                ok);
    }

    @Override
    public CompletionStage<Void> signal(String service, int signal) {
        if (signal <= 0 || signal > 64) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException("signal of " + service + ": not a signal number: " + signal));
        }
        return call("signal", service, m -> {
            m.killUnit(service, "main", signal);
            return null;
        });
    }

    @Override
    public CompletionStage<Void> disableForBoot(String service) {
        return stop(service)
                .thenCompose(stopped -> call("disable-for-boot", service, m -> {
                    m.maskUnitFiles(List.of(service), true, true);
                    m.reload();
                    List<UnitInfo> now = m.listUnitsByNames(List.of(service));
                    String loadState = now.isEmpty() ? "unknown" : now.get(0).getLoadState();
                    if (!"masked".equals(loadState)) {
                        throw new IllegalStateException("disable-for-boot of " + service
                                + ": stopped, but the runtime mask did not take effect (LoadState=" + loadState
                                + "): a unit file in a directory of higher priority than the runtime one"
                                + " (e.g. /etc/systemd/system over /run/systemd/system) overrides it");
                    }
                    return null;
                }));
    }

    @Override
    public CompletionStage<ServiceStatus> status(String service) {
        return call("status", service, m -> {
            List<UnitInfo> found = m.listUnitsByNames(List.of(service));
            if (found.isEmpty()) {
                return new ServiceStatus(service, "inactive", "dead");
            }
            UnitInfo info = found.get(0);
            return new ServiceStatus(service, info.getActiveState(), info.getSubState());
        });
    }

    private CompletionStage<Void> job(
            String verb, String service, java.util.function.Function<SystemdManager, DBusPath> queue, Set<String> ok) {
        return awaitJob(verb, service, call(verb, service, queue), ok);
    }

    /** Completes when the queued job's {@code JobRemoved} came with one of the {@code ok} results. */
    private CompletionStage<Void> awaitJob(
            String verb, String service, CompletableFuture<DBusPath> queued, Set<String> ok) {
        return queued.thenCompose(jobPath -> {
            String path = jobPath.getPath();
            return jobs.await(path)
                    .orTimeout(config.jobTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .handleAsync(
                            (result, error) -> {
                                if (error != null) {
                                    jobs.forget(path);
                                    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                                    String why = cause instanceof TimeoutException
                                            ? "no JobRemoved within " + config.jobTimeout()
                                            : cause.getMessage();
                                    throw new CompletionException(new IllegalStateException(
                                            verb + " of " + service + " (job " + path + "): " + why, cause));
                                }
                                if (!ok.contains(result)) {
                                    throw new CompletionException(new IllegalStateException(
                                            verb + " of " + service + ": systemd job result '" + result + "'"));
                                }
                                return null;
                            },
                            control);
        });
    }

    private <T> CompletableFuture<T> call(
            String verb, String service, java.util.function.Function<SystemdManager, T> action) {
        if (service == null || !ServiceNames.isService(service) || ServiceNames.isTemplate(service)) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException(verb + ": not a concrete service name: '" + service + "'"));
        }
        if (closed) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException(verb + " of " + service + ": adapter closed"));
        }
        try {
            return CompletableFuture.supplyAsync(
                    () -> {
                        SystemdLink current = awaitLink();
                        if (current == null) {
                            throw new IllegalStateException(verb + " of " + service + ": not connected to systemd via "
                                    + config.bus() + " within " + config.connectTimeout());
                        }
                        try {
                            return onLink(current, () -> action.apply(current.manager()));
                        } catch (LinkLostException e) {
                            throw new IllegalStateException(verb + " of " + service + ": " + e.getMessage(), e);
                        } catch (RuntimeException | DBusException e) {
                            throw new IllegalStateException(
                                    verb + " of " + service + " refused by systemd: " + e.getMessage(), e);
                        }
                    },
                    control);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException(verb + " of " + service + ": adapter closed"));
        }
    }

    /** Disconnects and stops the adapter's threads; pending control calls complete exceptionally. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        CompletableFuture<Void> disconnected = new CompletableFuture<>();
        try {
            events.execute(() -> {
                SystemdLink current = link;
                setLink(null);
                if (current != null) {
                    current.close();
                }
                disconnected.complete(null);
            });
            disconnected.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("closing the systemd connection did not finish cleanly: {}", e.toString());
        }
        jobs.failAll(new IllegalStateException("the systemd adapter was closed"));
        events.shutdownNow();
        control.shutdownNow();
        eventCalls.shutdownNow();
        policyReads.shutdownNow();
        firstSync.completeExceptionally(new IllegalStateException("the systemd adapter was closed"));
    }

    /** The link died while a call was pending (dbus-java would only notice at its reply timeout). */
    private static final class LinkLostException extends IllegalStateException {
        LinkLostException(String message) {
            super(message);
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
