package io.recoverymanager.daemon.demo;

import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.core.model.HistoryQuery;
import io.recoverymanager.core.spi.RecoveryListener;
import io.recoverymanager.core.spi.RecoveryStore;
import io.recoverymanager.core.unit.ParseResult;
import io.recoverymanager.core.unit.UnitParser;
import io.recoverymanager.daemon.Daemon;
import io.recoverymanager.daemon.cli.ExitCodes;
import io.recoverymanager.daemon.config.ConfigException;
import io.recoverymanager.daemon.config.ConfigLoader;
import io.recoverymanager.daemon.config.DaemonConfig;
import io.recoverymanager.daemon.view.HistoryView;
import io.recoverymanager.testkit.RecoveryHarness;
import io.recoverymanager.testkit.sandbox.SystemdSandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code recoverymanager demo}: starts a private {@code systemd --user} sandbox, installs three
 * services that crash in different ways, runs the real daemon against it and prints each failure,
 * rvector, action and recovery as it happens, then the history; everything it started is stopped
 * again. Where the sandbox cannot start it says why and plays the same script on the testkit's
 * fake systemd, every line labelled {@code SIMULATED}.
 *
 * <p>Thread-safety: not thread-safe; run once from the main thread.
 */
public final class LiveDemo {
    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private static final java.util.logging.Logger PROJECT_LOGGER = java.util.logging.Logger.getLogger("");

    private static final Duration SCENARIO_TIMEOUT = Duration.ofSeconds(90);

    private final PrintWriter out;
    private final PrintWriter err;

    public LiveDemo(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the demo; returns the exit code. */
    public int run(boolean simulatedOnly) {
        // The live view is the demo's output; the daemon's own log would drown it.
        PROJECT_LOGGER.setLevel(java.util.logging.Level.WARNING);
        out.println("RecoveryManager demo: three services crash in different ways; watch the ladder.");
        out.println("  crashy.service exits 3 every time   -> restart x2, reset public data, restart platform");
        out.println("  segv.service   dies of SIGSEGV      -> restart x2, disable for this boot");
        out.println("  flaky.service  fails once           -> restart, then recovered after its relax time");
        out.println();
        if (simulatedOnly) {
            return simulated("--simulated was given");
        }
        SystemdSandbox sandbox;
        try {
            sandbox = SystemdSandbox.start();
        } catch (SystemdSandbox.SandboxException e) {
            return simulated("the systemd sandbox cannot start here: " + firstLine(e.getMessage()));
        }
        try (sandbox) {
            return live(sandbox);
        } catch (IOException | ConfigException | Daemon.StartException e) {
            err.println("demo failed: " + e.getMessage());
            return ExitCodes.SOFTWARE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.SOFTWARE;
        } finally {
            out.flush();
        }
    }

    private int live(SystemdSandbox sandbox)
            throws IOException, ConfigException, Daemon.StartException, InterruptedException {
        Path root = Files.createTempDirectory("rmgr-demo-");
        try {
            Path units = Files.createDirectories(root.resolve("units"));
            Path data = root.resolve("data");
            Files.createDirectories(data.resolve("crashy/public"));
            Files.writeString(data.resolve("crashy/public/cache.bin"), "stale cache that makes crashy crash\n");
            for (String service : DemoScript.SERVICES) {
                // As a vendor unit (like /usr/lib/systemd/system), so disable-service's runtime mask wins.
                sandbox.writeVendorUnit(service, DemoScript.systemdUnit(service, root.toString()));
                Files.writeString(
                        units.resolve(service.replace(".service", ".toml")),
                        DemoScript.recoveryUnit(service, data.toString()));
            }
            sandbox.daemonReload();
            DaemonConfig config = new ConfigLoader()
                    .parse(
                            "demo.toml",
                            """
                            run-mode = "master"
                            context = "demo-host"
                            units-dir = "%s"
                            state-dir = "%s"
                            runtime-dir = "%s"
                            bus = "%s"
                            integrity-check-delay = "5s"

                            [ipc]
                            socket = "%s"

                            [commands]
                            platform-restart = ["/bin/echo", "demo: a real master would now restart the platform for", "${service}"]
                            """
                                    .formatted(
                                            units,
                                            root.resolve("state"),
                                            root.resolve("run"),
                                            sandbox.busAddress(),
                                            root.resolve("run/rmgr.sock")));
            Progress progress = new Progress(false);
            Daemon.Environment environment = Daemon.Environment.embedded("demo-host", progress);
            out.println("sandbox: systemd --user pid " + sandbox.pid() + ", bus " + sandbox.busAddress());
            try (Daemon daemon = Daemon.start(config, environment)) {
                out.println("daemon:  context " + daemon.context() + ", "
                        + daemon.mode().mode() + " (" + daemon.mode().reason() + ")");
                out.println();
                progress.start();
                sandbox.systemctl(Stream.concat(Stream.of("start", "--no-block"), DemoScript.SERVICES.stream())
                                .toArray(String[]::new))
                        .orThrow();
                boolean finished = progress.awaitFinished(SCENARIO_TIMEOUT);
                daemon.drain();
                out.println();
                if (!finished) {
                    out.println("(the scenario did not finish within " + SCENARIO_TIMEOUT.toSeconds() + " s)");
                }
                out.println("public data of crashy.service after the reset: " + listing(data.resolve("crashy/public")));
                out.println("segv.service is now: " + sandbox.property(DemoScript.SEGV, "LoadState") + "/"
                        + sandbox.property(DemoScript.SEGV, "ActiveState"));
                printHistory(daemon.engine().store());
                return finished ? ExitCodes.OK : ExitCodes.SOFTWARE;
            }
        } finally {
            deleteTree(root);
            out.println("cleaned up: daemon stopped, sandbox and its services stopped, temporary files removed.");
        }
    }

    private int simulated(String reason) {
        out.println("(" + reason + ")");
        out.println("SIMULATED: the same script on the testkit's fake systemd, in virtual time.");
        out.println();
        Progress progress = new Progress(true);
        RecoveryHarness harness = RecoveryHarness.create("demo-host").listener(progress);
        UnitParser parser = new UnitParser();
        // install() makes its arguments the whole catalog: install every unit in one call
        List<io.recoverymanager.core.unit.RecoveryUnit> units = new ArrayList<>();
        for (String service : DemoScript.SERVICES) {
            ParseResult parsed = parser.parse(
                    service.replace(".service", ".toml"), DemoScript.recoveryUnit(service, "/srv/demo/data"));
            units.add(((ParseResult.Valid) parsed).unit());
            harness.serviceManager().register(service);
        }
        harness.install(units.toArray(io.recoverymanager.core.unit.RecoveryUnit[]::new));
        harness.start();
        progress.startAt(harness.clock().instant());
        for (int round = 0; round < 4; round++) {
            harness.fail(DemoScript.CRASHY, "exit-code");
            if (round < 3) {
                harness.fail(DemoScript.SEGV, "signal");
            }
            if (round == 0) {
                harness.fail(DemoScript.FLAKY, "exit-code");
            }
            harness.advance(Duration.ofSeconds(2));
        }
        harness.advance(Duration.ofSeconds(5));
        out.println();
        printHistory(harness.store());
        return ExitCodes.OK;
    }

    private void printHistory(RecoveryStore store) {
        out.println();
        out.println("history (recoverymanager history):");
        out.println(HistoryView.of(store, HistoryQuery.all(200)).toText());
    }

    private static String listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names =
                    files.map(p -> p.getFileName().toString()).sorted().toList();
            return names.isEmpty() ? "(empty)" : String.join(", ", names);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown reason";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Prints the events live and notices when the script has played out. */
    private final class Progress implements RecoveryListener {
        private final boolean simulated;
        private final Set<String> done = ConcurrentHashMap.newKeySet();
        private final CountDownLatch finished = new CountDownLatch(1);
        private volatile Instant start = Instant.now();

        Progress(boolean simulated) {
            this.simulated = simulated;
        }

        void start() {
            start = Instant.now();
        }

        void startAt(Instant at) {
            start = at;
        }

        boolean awaitFinished(Duration timeout) throws InterruptedException {
            return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void onEvent(RecoveryEvent event) {
            if (event instanceof RecoveryEvent.RelaxArmed
                    || event instanceof RecoveryEvent.UnitAdded
                    || (event instanceof RecoveryEvent.FailureObserved f && !f.managed())) {
                return;
            }
            double at = Math.max(0, Duration.between(start, event.at()).toMillis() / 1000.0);
            String line = String.format(
                    "%s[%6.1fs] %-15s %-14s rvector=%d %-18s %s",
                    simulated ? "SIMULATED " : "",
                    at,
                    event.service(),
                    event.kind(),
                    event.rvector(),
                    event.action(),
                    event.detail());
            synchronized (out) {
                out.println(line);
                out.flush();
            }
            if (event instanceof RecoveryEvent.ActionCompleted c
                    && c.service().equals(DemoScript.CRASHY)
                    && c.action().equals("restart-platform")) {
                done.add(DemoScript.CRASHY);
            } else if (event instanceof RecoveryEvent.ActionCompleted c
                    && c.service().equals(DemoScript.SEGV)
                    && c.action().equals("disable-service")) {
                done.add(DemoScript.SEGV);
            } else if (event instanceof RecoveryEvent.Recovered r && r.service().equals(DemoScript.FLAKY)) {
                done.add(DemoScript.FLAKY);
            }
            if (done.size() == DemoScript.SERVICES.size()) {
                finished.countDown();
            }
        }
    }
}
