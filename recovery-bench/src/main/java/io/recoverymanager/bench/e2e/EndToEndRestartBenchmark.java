package io.recoverymanager.bench.e2e;

import io.recoverymanager.core.model.ServiceFailure;
import io.recoverymanager.core.spi.ServiceManager;
import io.recoverymanager.core.spi.ServiceObserver;
import io.recoverymanager.systemd.BusAddress;
import io.recoverymanager.systemd.SystemdConnectionConfig;
import io.recoverymanager.systemd.SystemdServiceManager;
import io.recoverymanager.testkit.sandbox.SystemdSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * End-to-end restart latency against a real, sandboxed {@code systemd --user} (see {@link
 * SystemdSandbox}), in one run:
 *
 * <ol>
 *   <li><b>systemd</b>: a service with {@code Restart=on-failure}, {@code RestartSec=0} restarted by
 *       systemd itself;
 *   <li><b>recovery manager</b>: the same service with {@code Restart=no}, restarted because the
 *       adapter reported {@code serviceFailed} and the responder called {@code restart};
 *   <li><b>storm</b>: N services (default 200) failing at the same moment, all restarted through the
 *       adapter (and, for reference, N more restarted by systemd itself).
 * </ol>
 *
 * The latency is measured from timestamps the service writes itself ({@code $EPOCHREALTIME}, bash's
 * builtin, no fork): just before its main process exits with status 1, and when the restarted
 * instance starts. The two single-service paths alternate, iteration by iteration, so both see the
 * same machine load.
 *
 * <p>Usage: {@code bench/e2e-restart.sh [--iterations N] [--warmup N] [--storm N] [--bus bus|private] [--through engine|adapter] [--sync full|normal]}.
 *
 * <p>Thread-safety: a program; its observer is called from the adapter's thread and is
 * thread-safe.
 */
public final class EndToEndRestartBenchmark {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final SystemdSandbox sandbox;
    private final Path script;

    private EndToEndRestartBenchmark(SystemdSandbox sandbox) {
        this.sandbox = sandbox;
        this.script = sandbox.scratchDir().resolve("bench-service.sh");
        write(
                script,
                String.join(
                        "\n",
                        "#!/bin/bash",
                        "# Appends 'start <us>' now, and 'exit <us>' just before exiting 1 on SIGUSR1.",
                        "log=\"$1\"",
                        "echo \"start ${EPOCHREALTIME/./}\" >> \"$log\"",
                        "trap 'echo \"exit ${EPOCHREALTIME/./}\" >> \"$log\"; exit 1' USR1",
                        "# Block in a builtin on a private FIFO: no child process to clean up after exit.",
                        "fifo=\"$log.fifo\"",
                        "rm -f \"$fifo\" && mkfifo \"$fifo\" && exec 3<>\"$fifo\"",
                        "while :; do read -r -t 3600 -u 3 || true; done",
                        ""));
    }

    /**
     * What reacts to a reported failure. Today the adapter-direct responder restarts at once; to
     * measure through the engine, build a {@code RecoveryEngine} with this service manager and a
     * ladder whose first action is a restart, and let it watch instead.
     */
    @FunctionalInterface
    interface FailureResponder {
        /** Starts reacting to failures reported by the manager; returns the observer in use. */
        ServiceObserver attach(ServiceManager manager, Predicate<String> handled);
    }

    /** Counts the failures a responder saw, for the storm's bookkeeping. */
    abstract static class CountingResponder implements FailureResponder {
        final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        final Map<String, Long> lastReportedMicros = new ConcurrentHashMap<>();

        void seen(String service) {
            java.time.Instant now = java.time.Instant.now();
            lastReportedMicros.put(service, now.getEpochSecond() * 1_000_000 + now.getNano() / 1000);
            failures.computeIfAbsent(service, s -> new AtomicInteger()).incrementAndGet();
        }

        /** Releases what the responder holds. */
        void close() {}
    }

    /** Restarts a failed service directly through the adapter: the adapter's share alone. */
    static final class AdapterDirectResponder extends CountingResponder {
        @Override
        public ServiceObserver attach(ServiceManager manager, Predicate<String> handled) {
            ServiceObserver observer = new ServiceObserver() {
                @Override
                public void serviceFailed(ServiceFailure failure) {
                    if (!handled.test(failure.service())) {
                        return;
                    }
                    seen(failure.service());
                    manager.restart(failure.service()).whenComplete((ok, error) -> {
                        if (error != null) {
                            System.err.println("restart of " + failure.service() + " failed: " + error);
                        }
                    });
                }
            };
            manager.watch(observer);
            return observer;
        }
    }

    /**
     * The whole recovery manager: the real engine built by the daemon's Recovery builder (its event
     * loop and history recorder) with the durable SQLite store (synchronous=FULL, one commit per failure before the restart is issued), a unit
     * per measured service whose first action is restart-service, and the history recorder.
     */
    static final class EngineResponder extends CountingResponder {
        private final Path stateDir;
        private final List<String> services;
        private io.recoverymanager.store.sqlite.SqliteRecoveryStore store;
        private io.recoverymanager.runtime.Recovery recovery;

        private final io.recoverymanager.store.sqlite.SyncMode syncMode;

        EngineResponder(Path stateDir, List<String> services, io.recoverymanager.store.sqlite.SyncMode syncMode) {
            this.stateDir = stateDir;
            this.syncMode = syncMode;
            this.services = List.copyOf(services);
        }

        @Override
        public ServiceObserver attach(ServiceManager manager, Predicate<String> handled) {
            java.time.Clock clock = java.time.Clock.systemUTC();
            store = io.recoverymanager.store.sqlite.SqliteRecoveryStore.builder(stateDir)
                    .clock(clock)
                    .syncMode(syncMode)
                    .open();
            List<io.recoverymanager.core.unit.RecoveryUnit> units = services.stream()
                    .map(s -> new io.recoverymanager.core.unit.RecoveryUnit(
                            s.replace(".service", ".toml"),
                            s,
                            Duration.ofHours(1),
                            false,
                            java.util.Optional.empty(),
                            java.util.Optional.empty(),
                            List.of(new io.recoverymanager.core.unit.RecoveryAction(
                                    io.recoverymanager.core.unit.ActionType.RESTART_SERVICE,
                                    Integer.MAX_VALUE / 2,
                                    false)),
                            List.of()))
                    .toList();
            var builder = io.recoverymanager.runtime.Recovery.builder()
                    .context("bench")
                    .loopName("bench-engine-loop")
                    .store(store)
                    .serviceManager(new TimedServiceManager(manager, engineMicros))
                    .systemActions(io.recoverymanager.testkit.RecordingSystemActions.master())
                    .integrityCheckDelay(Duration.ofDays(1))
                    .units(() -> io.recoverymanager.core.unit.UnitCatalog.of(units))
                    .listener(event -> {
                        if (event instanceof io.recoverymanager.core.event.RecoveryEvent.FailureObserved f
                                && f.managed()
                                && handled.test(f.service())) {
                            seen(f.service());
                        }
                    });
            try {
                recovery = builder.start();
            } catch (io.recoverymanager.runtime.RecoveryException e) {
                throw new IllegalStateException("engine start failed: " + e, e);
            }
            return null;
        }

        /** Failure reported by the adapter → restart issued by the engine, in µs, per failure. */
        final List<Long> engineMicros = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        void close() {
            if (!engineMicros.isEmpty()) {
                List<Long> sorted = new ArrayList<>(engineMicros);
                sorted.sort(null);
                System.out.printf(
                        Locale.ROOT,
                        "engine's own share (failure reported -> restart issued, incl. the durable commit):"
                                + " median %.2f ms, p95 %.2f ms over %d failures%n",
                        sorted.get(sorted.size() / 2) / 1000.0,
                        sorted.get((int) Math.min(sorted.size() - 1, Math.round(sorted.size() * 0.95))) / 1000.0,
                        sorted.size());
            }
            recovery.close();
            store.close();
        }
    }

    /** Passes every call through and times failure report → restart call for the engine path. */
    static final class TimedServiceManager implements ServiceManager {
        private final ServiceManager delegate;
        private final List<Long> micros;
        private final Map<String, Long> reportedNanos = new ConcurrentHashMap<>();

        TimedServiceManager(ServiceManager delegate, List<Long> micros) {
            this.delegate = delegate;
            this.micros = micros;
        }

        @Override
        public void watch(ServiceObserver observer) {
            delegate.watch(new ServiceObserver() {
                @Override
                public void serviceFailed(ServiceFailure failure) {
                    reportedNanos.put(failure.service(), System.nanoTime());
                    observer.serviceFailed(failure);
                }

                @Override
                public void serviceAdded(String service) {
                    observer.serviceAdded(service);
                }

                @Override
                public void serviceRemoved(String service) {
                    observer.serviceRemoved(service);
                }
            });
        }

        @Override
        public java.util.concurrent.CompletionStage<Void> restart(String service) {
            Long reported = reportedNanos.remove(service);
            if (reported != null) {
                micros.add((System.nanoTime() - reported) / 1000);
            }
            return delegate.restart(service);
        }

        @Override
        public java.util.concurrent.CompletionStage<Void> start(String service) {
            return delegate.start(service);
        }

        @Override
        public java.util.concurrent.CompletionStage<Void> stop(String service) {
            return delegate.stop(service);
        }

        @Override
        public java.util.concurrent.CompletionStage<Void> signal(String service, int signal) {
            return delegate.signal(service, signal);
        }

        @Override
        public java.util.concurrent.CompletionStage<Void> disableForBoot(String service) {
            return delegate.disableForBoot(service);
        }

        @Override
        public java.util.concurrent.CompletionStage<io.recoverymanager.core.model.ServiceStatus> status(
                String service) {
            return delegate.status(service);
        }
    }

    public static void main(String[] args) throws Exception {
        int iterations = intOption(args, "--iterations", 50);
        int warmup = intOption(args, "--warmup", 5);
        int storm = intOption(args, "--storm", 200);
        String bus = stringOption(args, "--bus", "bus");
        String through = stringOption(args, "--through", "engine");
        // The product runs FULL; NORMAL exists only to show what the durable commit costs.
        String sync = stringOption(args, "--sync", "full");
        if (!through.equals("engine") && !through.equals("adapter")) {
            throw new IllegalArgumentException("--through must be engine or adapter, was " + through);
        }
        try (SystemdSandbox sandbox = SystemdSandbox.start()) {
            new EndToEndRestartBenchmark(sandbox).run(iterations, warmup, storm, bus, through, sync);
        }
    }

    private void run(int iterations, int warmup, int storm, String busKind, String through, String sync)
            throws Exception {
        BusAddress bus = busKind.equals("private")
                ? new BusAddress.PrivateSocket(sandbox.privateSocket())
                : new BusAddress.Explicit(sandbox.busAddress());
        String bySystemd = "bench-systemd.service";
        String byUs = "bench-recovery.service";
        defineService(bySystemd, true);
        defineService(byUs, false);
        List<String> stormOurs = new ArrayList<>();
        List<String> stormSystemd = new ArrayList<>();
        for (int i = 1; i <= storm; i++) {
            stormOurs.add(String.format(Locale.ROOT, "storm-rm-%03d.service", i));
            stormSystemd.add(String.format(Locale.ROOT, "storm-sd-%03d.service", i));
        }
        stormOurs.forEach(s -> defineService(s, false));
        stormSystemd.forEach(s -> defineService(s, true));
        sandbox.daemonReload();

        List<String> ours = new ArrayList<>(stormOurs);
        ours.add(byUs);
        CountingResponder responder = through.equals("engine")
                ? new EngineResponder(
                        Files.createDirectories(sandbox.scratchDir().resolve("bench-state")),
                        ours,
                        io.recoverymanager.store.sqlite.SyncMode.valueOf(sync.toUpperCase(Locale.ROOT)))
                : new AdapterDirectResponder();
        System.out.println("recovery manager path: "
                + (through.equals("engine")
                        ? "engine + SQLite store (synchronous=" + sync + ") + history, via the systemd adapter"
                        : "systemd adapter -> restart directly"));
        try (SystemdServiceManager manager = SystemdServiceManager.connect(SystemdConnectionConfig.of(bus))) {
            responder.attach(manager, s -> s.startsWith("bench-recovery") || s.startsWith("storm-rm-"));
            manager.ready().toCompletableFuture().get(30, TimeUnit.SECONDS);
            startAll(manager, List.of(bySystemd, byUs));

            if (iterations > 0) {
                singleServicePaths(manager, responder, bySystemd, byUs, iterations, warmup, bus);
            }
            if (storm > 0) {
                runStorm(manager, responder, stormOurs, "recovery manager");
                runStorm(manager, responder, stormSystemd, "systemd Restart=on-failure");
            }
        } finally {
            responder.close();
        }
    }

    private void singleServicePaths(
            SystemdServiceManager manager,
            CountingResponder responder,
            String bySystemd,
            String byUs,
            int iterations,
            int warmup,
            BusAddress bus)
            throws Exception {
        List<Long> systemdMicros = new ArrayList<>();
        List<Long> oursMicros = new ArrayList<>();
        for (int i = 0; i < warmup + iterations; i++) {
            long a = oneRestart(manager, bySystemd);
            long b = oneRestart(manager, byUs);
            if (i >= warmup) {
                systemdMicros.add(a);
                oursMicros.add(b);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%nEnd-to-end restart, main process exit -> restarted instance start (%d iterations,"
                        + " %d warm-up, bus: %s)%n",
                iterations,
                warmup,
                bus);
        Stats sd = Stats.of(systemdMicros);
        Stats rm = Stats.of(oursMicros);
        System.out.println(Stats.HEADER);
        System.out.println(sd.row("systemd Restart=on-failure RestartSec=0"));
        System.out.println(rm.row("recovery manager"));
        System.out.printf(
                Locale.ROOT,
                "ratio recovery/systemd: median %.2fx, p95 %.2fx%n",
                rm.median() / sd.median(),
                rm.p95() / sd.p95());
        int unexpected =
                responder.failures.getOrDefault(byUs, new AtomicInteger()).get();
        System.out.printf(
                Locale.ROOT, "failures reported for %s: %d (expected %d)%n", byUs, unexpected, warmup + iterations);
    }

    private void runStorm(
            SystemdServiceManager manager, CountingResponder responder, List<String> services, String label)
            throws Exception {
        long dbusBefore = sandbox.dbusDaemonPid();
        startAll(manager, services);
        List<String> args = new ArrayList<>(List.of("kill", "--kill-whom=main", "--signal=SIGUSR1"));
        args.addAll(services);
        sandbox.systemctl(args.toArray(String[]::new)).orThrow();
        long firstExit = Long.MAX_VALUE;
        long lastStart = Long.MIN_VALUE;
        for (String service : services) {
            long[] pair = exitThenRestart(
                            awaitLog(service, l -> exitThenRestart(l).isPresent()))
                    .orElseThrow();
            firstExit = Math.min(firstExit, pair[0]);
            lastStart = Math.max(lastStart, pair[1]);
        }
        for (String service : services) {
            awaitActive(manager, service);
        }
        long dbusAfter = sandbox.dbusDaemonPid();
        if (dbusAfter != dbusBefore) {
            System.err.println("storm " + label + ": dbus-daemon changed from pid " + dbusBefore + " to " + dbusAfter
                    + "; dbus.service: "
                    + sandbox.systemctl(
                                    "show",
                                    "dbus.service",
                                    "-p",
                                    "Result",
                                    "-p",
                                    "ExecMainCode",
                                    "-p",
                                    "ExecMainStatus",
                                    "-p",
                                    "NRestarts")
                            .stdout()
                            .replace('\n', ' ')
                    + "\nmanager log:\n" + sandbox.logTail());
        }
        long lastReport = services.stream()
                .mapToLong(s -> responder.lastReportedMicros.getOrDefault(s, Long.MIN_VALUE))
                .max()
                .orElse(Long.MIN_VALUE);
        if (lastReport != Long.MIN_VALUE) {
            System.out.printf(
                    Locale.ROOT,
                    "storm, %s: first exit -> last failure reported: %.1f ms%n",
                    label,
                    (lastReport - firstExit) / 1000.0);
        }
        long reported = services.stream()
                .mapToInt(s ->
                        responder.failures.getOrDefault(s, new AtomicInteger()).get())
                .sum();
        System.out.printf(
                Locale.ROOT,
                "storm, %-28s %d services failed at once, all restarted and active again;"
                        + " first exit -> last restarted start: %.1f ms (failures reported to the responder: %d)%n",
                label + ":",
                services.size(),
                (lastStart - firstExit) / 1000.0,
                reported);
    }

    /** Fails the running service once and returns exit-to-restart in microseconds. */
    private long oneRestart(SystemdServiceManager manager, String service) throws Exception {
        int startsBefore = countStarts(readLog(service));
        manager.signal(service, 10).toCompletableFuture().get(30, TimeUnit.SECONDS); // SIGUSR1
        List<Long[]> events = awaitLog(service, l -> countStarts(l) > startsBefore);
        long[] pair = exitThenRestart(events)
                .orElseThrow(() -> new IllegalStateException("no exit/start pair in the log of " + service));
        awaitActive(manager, service);
        return pair[1] - pair[0];
    }

    /** The last exit and the first start after it, in microseconds. */
    private static java.util.Optional<long[]> exitThenRestart(List<Long[]> events) {
        int lastExit = -1;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i)[0] == 1) {
                lastExit = i;
            }
        }
        for (int i = lastExit + 1; lastExit >= 0 && i < events.size(); i++) {
            if (events.get(i)[0] == 0) {
                return java.util.Optional.of(new long[] {events.get(lastExit)[1], events.get(i)[1]});
            }
        }
        return java.util.Optional.empty();
    }

    private void startAll(SystemdServiceManager manager, List<String> services) throws Exception {
        for (String service : services) {
            try {
                manager.start(service).toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                // E.g. the bus connection was lost while the job ran: say so, then check the state.
                System.err.println("start of " + service + " did not confirm: " + e.getCause()
                        + " (dbus-daemon pid now " + sandbox.dbusDaemonPid() + ")");
                sandbox.systemctl("start", service).orThrow();
            }
        }
        for (String service : services) {
            awaitLog(service, l -> countStarts(l) >= 1);
            awaitActive(manager, service);
        }
        // Fresh logs: only the upcoming exit and restart count.
        for (String service : services) {
            write(logOf(service), "");
        }
    }

    private void awaitActive(SystemdServiceManager manager, String service) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            io.recoverymanager.core.model.ServiceStatus status;
            try {
                status = manager.status(service).toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                // Reported, not hidden: the run goes on and the cause is visible in the output.
                System.err.println("status of " + service + " failed, retrying: " + e.getCause());
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("status of " + service + " kept failing for " + WAIT, e);
                }
                Thread.sleep(10);
                continue;
            }
            if (status.activeState().equals("active")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(service + " not active within " + WAIT + ": " + status);
            }
            Thread.sleep(2);
        }
    }

    private List<Long[]> awaitLog(String service, Predicate<List<Long[]>> done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<Long[]> events = readLog(service);
            if (done.test(events)) {
                return events;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + service + "'s log; it holds "
                        + events.stream().map(Arrays::toString).toList());
            }
            Thread.sleep(1);
        }
    }

    private static int countStarts(List<Long[]> events) {
        return (int) events.stream().filter(e -> e[0] == 0).count();
    }

    /** Entries {kind, micros}: kind 0 = start, 1 = exit; incomplete last lines are ignored. */
    private List<Long[]> readLog(String service) {
        Path log = logOf(service);
        List<Long[]> events = new ArrayList<>();
        if (!Files.exists(log)) {
            return events;
        }
        String text;
        try {
            text = Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return events;
        }
        for (String line : text.substring(0, end).split("\n")) {
            String[] parts = line.split(" ");
            if (parts.length == 2 && (parts[0].equals("start") || parts[0].equals("exit"))) {
                events.add(new Long[] {parts[0].equals("start") ? 0L : 1L, Long.parseLong(parts[1])});
            }
        }
        return events;
    }

    private Path logOf(String service) {
        return sandbox.scratchDir().resolve(service + ".log");
    }

    private void defineService(String service, boolean restartBySystemd) {
        sandbox.writeUnit(
                service,
                "[Unit]\nStartLimitIntervalSec=0\n[Service]\nExecStart=/bin/bash " + script + " " + logOf(service)
                        + "\n" + (restartBySystemd ? "Restart=on-failure\nRestartSec=0\n" : "Restart=no\n"));
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int intOption(String[] args, String name, int fallback) {
        String value = stringOption(args, name, null);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < 0) {
                throw new NumberFormatException("negative");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not a non-negative integer: '" + value + "'", e);
        }
    }

    private static String stringOption(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + ": missing value");
                }
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** Distribution summary in microseconds. */
    record Stats(int n, double median, double p95, double mean, long min, long max) {
        static final String HEADER = String.format(
                Locale.ROOT,
                "%-42s %5s %10s %10s %10s %10s %10s",
                "path",
                "n",
                "median ms",
                "p95 ms",
                "mean ms",
                "min ms",
                "max ms");

        static Stats of(List<Long> micros) {
            long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
            int n = sorted.length;
            if (n == 0) {
                throw new IllegalArgumentException("Stats.of: no samples");
            }
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
            double p95 = sorted[Math.min(n - 1, (int) Math.ceil(0.95 * n) - 1)];
            double mean = Arrays.stream(sorted).average().orElse(0);
            return new Stats(n, median, p95, mean, sorted[0], sorted[n - 1]);
        }

        String row(String label) {
            return String.format(
                    Locale.ROOT,
                    "%-42s %5d %10.2f %10.2f %10.2f %10.2f %10.2f",
                    label,
                    n,
                    median / 1000,
                    p95 / 1000,
                    mean / 1000,
                    min / 1000.0,
                    max / 1000.0);
        }
    }
}
