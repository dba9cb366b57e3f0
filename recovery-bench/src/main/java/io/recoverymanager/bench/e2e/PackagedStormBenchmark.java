package io.recoverymanager.bench.e2e;

import io.recoverymanager.store.sqlite.SqliteRecoveryStore;
import io.recoverymanager.testkit.sandbox.SystemdSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's end-to-end yardstick (issue 11): the <em>packaged</em> daemon ({@code
 * recoverymanager run}, master, default config, {@code synchronous=FULL}) against a sandboxed real
 * systemd, side by side with systemd's own {@code Restart=on-failure RestartSec=0}, in one run.
 * Services stamp their own times ({@code date +%s.%N}); nothing the daemon says about its own speed
 * is trusted for the headline figures. The daemon's log (millisecond timestamps) only gives the
 * per-stage breakdown.
 *
 * <ul>
 *   <li><b>latency</b>: {@code lat-rm.service} (one recovery unit, one restart-service action, retry
 *       10,000) and its twin {@code lat-sd.service} ({@code Restart=on-failure RestartSec=0}, no
 *       recovery unit) run {@code date >> starts; sleep 0.3; date >> exits; exit 3} with {@code
 *       StartLimitIntervalSec=0}; rounds of {@code --round-seconds} alternate between the two,
 *       {@code --rounds} times each; latency = exit stamp → next start stamp.
 *   <li><b>storm</b>: template {@code storm@.service} (recovery unit on the template) and its twin
 *       template {@code stormsd@.service} ({@code Restart=on-failure RestartSec=0}), {@code --storm}
 *       instances each, all loaded together; an instance's first run waits on a trigger file
 *       ({@code flock -s}) and exits 3, its restarted run stamps its up time and sleeps. The two
 *       templates are triggered in turn; reported: first exit → last instance up, how many came up,
 *       how often each failure was counted (the daemon's database, read-only).
 *   <li><b>start</b>: the daemon's time from exec to its {@code ready:} line, and its RSS when idle,
 *       with {@code --idle-units} more recovery units installed.
 * </ul>
 *
 * <p>Usage: {@code bench/e2e-storm.sh [--rounds 2] [--round-seconds 8] [--storm 200] [--storm-rounds 1]
 * [--idle-units 100] [--starts 1] [--idle-seconds 3] [--idle-cpu-seconds 0] [--java-opts "..."]
 * [--bus bus|private]}: {@code --starts} repeats the start measurement (medians), {@code
 * --idle-cpu-seconds} measures the daemon's CPU time while idle after the start and again with the
 * storm's services loaded, {@code --bus private} has the daemon talk to the manager's private socket
 * (as {@code bus = "private"} does for root on a host) instead of through dbus-daemon.
 *
 * <p>Thread-safety: a program, one thread.
 */
public final class PackagedStormBenchmark {
    private static final Duration WAIT = Duration.ofSeconds(300);
    private static final Pattern LOG_LINE =
            Pattern.compile("^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}) \\S+\\s+[^:]+: (.*)$");
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final Pattern REPORTED = Pattern.compile("^(\\S+\\.service) failed: .*");
    private static final Pattern COUNTED = Pattern.compile("^failure (\\S+\\.service) rvector=.*");
    private static final Pattern ISSUED = Pattern.compile("^action (\\S+\\.service) rvector=.*");
    private static final Pattern DONE = Pattern.compile("^action-done (\\S+\\.service) rvector=.*");

    private final SystemdSandbox sandbox;
    private final Path launcher;
    private final Path dir;
    private final Path home;
    private final Path log;
    private final String javaOpts;
    private final String bus;
    private Process daemon;

    private PackagedStormBenchmark(SystemdSandbox sandbox, Path launcher, String javaOpts, String bus)
            throws IOException {
        this.sandbox = sandbox;
        this.launcher = launcher;
        this.javaOpts = javaOpts;
        this.bus = bus;
        this.dir = Files.createDirectories(sandbox.scratchDir().resolve("stamps"));
        this.home = Files.createDirectories(sandbox.scratchDir().resolve("daemon"));
        this.log = home.resolve("daemon.log");
    }

    public static void main(String[] args) throws Exception {
        int rounds = intOption(args, "--rounds", 2);
        int roundSeconds = intOption(args, "--round-seconds", 8);
        int storm = intOption(args, "--storm", 200);
        int stormRounds = intOption(args, "--storm-rounds", 1);
        int idleUnits = intOption(args, "--idle-units", 100);
        int starts = Math.max(1, intOption(args, "--starts", 1));
        int idleSeconds = intOption(args, "--idle-seconds", 3);
        int idleCpuSeconds = intOption(args, "--idle-cpu-seconds", 0);
        Path launcher = Path.of(
                        stringOption(args, "--launcher", "recovery-daemon/target/recoverymanager/bin/recoverymanager"))
                .toAbsolutePath();
        String javaOpts = stringOption(args, "--java-opts", "");
        String bus = stringOption(args, "--bus", "bus");
        if (!bus.equals("bus") && !bus.equals("private")) {
            throw new IllegalArgumentException("--bus: bus or private, not " + bus);
        }
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException(
                    launcher + " is missing: build it with mvn -pl recovery-daemon -am package");
        }
        SystemdSandbox sandbox = SystemdSandbox.start();
        PackagedStormBenchmark bench = new PackagedStormBenchmark(sandbox, launcher, javaOpts, bus);
        // Stopped also when the benchmark itself is stopped (SIGTERM): nothing is left running.
        Thread cleanup = new Thread(() -> bench.cleanUp(), "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            bench.run(new Options(
                    rounds, roundSeconds, storm, stormRounds, idleUnits, starts, idleSeconds, idleCpuSeconds));
        } finally {
            bench.cleanUp();
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    /**
     * Stops the daemon, keeps its log ({@code target/e2e-storm-daemon.log} under the working
     * directory), then stops the sandbox (every process in it), by PID.
     */
    private void cleanUp() {
        try {
            stopDaemon();
            Path kept = Path.of("recovery-bench", "target", "e2e-storm-daemon.log");
            if (Files.isDirectory(kept.getParent()) && Files.exists(log)) {
                Files.copy(log, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            System.err.println("cannot keep the daemon's log: " + e);
        } finally {
            sandbox.close();
        }
    }

    private void run(Options options) throws Exception {
        System.out.printf(
                Locale.ROOT,
                "packaged daemon %s, master, default config (synchronous=FULL), sandboxed systemd; load %s%n",
                launcher,
                loadAverage());
        defineServices(options.storm(), options.idleUnits());
        List<Long> readyMicros = new ArrayList<>();
        List<Long> rssKibs = new ArrayList<>();
        List<Long> readyCpuMicros = new ArrayList<>();
        for (int start = 1; start <= options.starts(); start++) {
            if (start > 1) {
                stopDaemon();
            }
            long startNanos = startDaemon();
            double readyMs = awaitReady(startNanos);
            long readyCpuTicks = cpuTicksWithChildren(daemon.pid());
            if (readLog().contains("rejected unit")) {
                throw new IllegalStateException("the daemon rejected a unit:\n" + readLog());
            }
            Thread.sleep(options.idleSeconds() * 1000L);
            long rssKib = rssKib(daemon.pid());
            readyMicros.add(Math.round(readyMs * 1000));
            readyCpuMicros.add(readyCpuTicks * 10_000);
            rssKibs.add(rssKib);
            System.out.printf(
                    Locale.ROOT,
                    "start %d: READY after %.0f ms (CPU time %d ms) with %d recovery units; RSS after %d s idle %.1f"
                            + " MiB; load %s%n",
                    start,
                    readyMs,
                    readyCpuTicks * 10,
                    options.idleUnits() + 2,
                    options.idleSeconds(),
                    rssKib / 1024.0,
                    loadAverage());
        }
        System.out.printf(
                Locale.ROOT,
                "start (median of %d): READY after %.0f ms, CPU time to READY %.0f ms; idle RSS %.1f MiB%n",
                readyMicros.size(),
                Stats.of(readyMicros).median() / 1000,
                Stats.of(readyCpuMicros).median() / 1000,
                Stats.of(rssKibs).median() / 1024.0);
        if (options.idleCpuSeconds() > 0) {
            idleCpu(options.idleCpuSeconds(), (options.idleUnits() + 2) + " recovery units");
        }

        if (options.rounds() > 0) {
            latency(options.rounds(), options.roundSeconds());
        }
        for (int r = 1; r <= options.stormRounds() && options.storm() > 0; r++) {
            stormRound(options.storm(), r, options.idleCpuSeconds());
        }
        System.out.printf(Locale.ROOT, "load at the end: %s%n", loadAverage());
    }

    /** The command line's figures. */
    private record Options(
            int rounds,
            int roundSeconds,
            int storm,
            int stormRounds,
            int idleUnits,
            int starts,
            int idleSeconds,
            int idleCpuSeconds) {}

    /**
     * The daemon's CPU time (utime + stime from {@code /proc/PID/stat}, in clock ticks of 10 ms) over
     * {@code seconds} of idleness, as a share of one core.
     */
    private void idleCpu(int seconds, String what) throws Exception {
        awaitQuiet(what);
        long before = cpuTicks(daemon.pid());
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long ticks = cpuTicks(daemon.pid()) - before;
        double elapsed = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "idle CPU with %s: %d ticks (10 ms) in %.1f s = %.3f%% of one core; RSS %.1f MiB; load %s%n",
                what,
                ticks,
                elapsed,
                ticks / 100.0 / elapsed * 100,
                rssKib(daemon.pid()) / 1024.0,
                loadAverage());
    }

    /**
     * utime + stime of the process and of its children it waited for (cutime + cstime: the
     * launcher's own commands before it execs the JVM), fields 14 to 17 of {@code /proc/PID/stat}.
     * Load-independent, unlike the wall-clock time to READY on a shared machine.
     */
    private static long cpuTicksWithChildren(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11])
                + Long.parseLong(fields[12])
                + Long.parseLong(fields[13])
                + Long.parseLong(fields[14]);
    }

    /**
     * Waits until the daemon has caught up with what came before (such as the signals of 2,000
     * services starting): at most 2 ticks of CPU time in 5 s, polled for up to 5 minutes. Says how
     * long that took, so the idle figure is not read from a daemon still busy.
     */
    private void awaitQuiet(String what) throws Exception {
        long t0 = System.nanoTime();
        long previous = cpuTicks(daemon.pid());
        while (System.nanoTime() - t0 < TimeUnit.MINUTES.toNanos(5)) {
            Thread.sleep(5000);
            long now = cpuTicks(daemon.pid());
            if (now - previous <= 2) {
                break;
            }
            previous = now;
        }
        System.out.printf(
                Locale.ROOT,
                "quiet with %s after %.0f s (at most 2 ticks in 5 s)%n",
                what,
                (System.nanoTime() - t0) / 1e9);
    }

    /** utime + stime of the process (fields 14 and 15 of {@code /proc/PID/stat}), in clock ticks. */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name (field 2) is in parentheses and may contain spaces: count after its ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    // ---------------------------------------------------------------- set-up

    private void defineServices(int storm, int idleUnits) throws IOException {
        Path units = Files.createDirectories(home.resolve("units"));
        for (String name : List.of("lat-rm", "lat-sd")) {
            String stamps = dir.resolve(name).toString();
            sandbox.writeUnit(
                    name + ".service",
                    "[Unit]\nStartLimitIntervalSec=0\n[Service]\nExecStart=/bin/sh -c 'date +%%s.%%N >> " + stamps
                            + ".starts; [ -e " + dir.resolve("stop") + " ] && exit 0; sleep 0.3; date +%%s.%%N >> "
                            + stamps + ".exits; exit 3'\n"
                            + (name.equals("lat-sd") ? "Restart=on-failure\nRestartSec=0\n" : ""));
        }
        Path script = Files.writeString(
                dir.resolve("storm.sh"),
                String.join(
                        "\n",
                        "d=\"$1\"; i=\"$2\"; trigger=\"$3\"",
                        "if [ -e \"$d/$i.ran\" ]; then date +%s.%N > \"$d/$i.up\"; exec sleep infinity; fi",
                        ": > \"$d/$i.ran\"",
                        "flock -s \"$trigger\" true",
                        "date +%s.%N > \"$d/$i.exit\"",
                        "exit 3",
                        ""));
        for (String template : List.of("storm", "stormsd")) {
            Path stamps = Files.createDirectories(dir.resolve(template));
            sandbox.writeUnit(
                    template + "@.service",
                    "[Unit]\nStartLimitIntervalSec=0\n[Service]\nExecStart=/bin/sh " + script + " " + stamps + " %i "
                            + dir.resolve("trigger-" + template) + "\n"
                            + (template.equals("stormsd") ? "Restart=on-failure\nRestartSec=0\n" : ""));
        }
        sandbox.daemonReload();
        String ladder = "relax-time = \"1h\"\n[[action]]\ntype = \"restart-service\"\nretry = 10000\n";
        Files.writeString(units.resolve("lat-rm.toml"), "service = \"lat-rm.service\"\n" + ladder);
        Files.writeString(units.resolve("storm.toml"), "service = \"storm@.service\"\n" + ladder);
        for (int i = 1; i <= idleUnits; i++) {
            String name = String.format(Locale.ROOT, "idle-%03d", i);
            Files.writeString(units.resolve(name + ".toml"), "service = \"" + name + ".service\"\n" + ladder);
        }
        String config = "run-mode = \"master\"\ncontext = \"bench\"\n"
                + "units-dir = \"" + units + "\"\n"
                + "state-dir = \"" + home.resolve("state") + "\"\n"
                + "runtime-dir = \"" + home.resolve("run") + "\"\n"
                + "bus = \""
                + (bus.equals("private") ? "private:" + sandbox.privateSocket() : sandbox.busAddress())
                + "\"\n"
                + "[ipc]\nsocket = \"" + home.resolve("run/rmgr.sock") + "\"\n";
        Files.writeString(home.resolve("recoverymanager.toml"), config);
    }

    private long startDaemon() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(
                        launcher.toString(),
                        "run",
                        "--config",
                        home.resolve("recoverymanager.toml").toString())
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().remove("NOTIFY_SOCKET");
        pb.environment().remove("JOURNAL_STREAM");
        pb.environment().put("TZ", "UTC");
        if (javaOpts.isEmpty()) {
            pb.environment().remove("JAVA_OPTS");
        } else {
            pb.environment().put("JAVA_OPTS", javaOpts);
        }
        long started = System.nanoTime();
        daemon = pb.start();
        return started;
    }

    private double awaitReady(long startNanos) {
        await(() -> readLog().contains("ready:"), "the daemon logged ready", 1);
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private void stopDaemon() throws InterruptedException {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroy(); // SIGTERM, by PID
            if (!daemon.waitFor(60, TimeUnit.SECONDS)) {
                daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    // ---------------------------------------------------------------- latency

    private void latency(int rounds, int roundSeconds) throws Exception {
        Map<String, List<Long>> samples = new HashMap<>();
        Map<String, List<long[]>> pairsByPath = new HashMap<>();
        for (int r = 0; r < rounds * 2; r++) {
            String name = r % 2 == 0 ? "lat-rm" : "lat-sd";
            List<long[]> pairs = latencyRound(name, roundSeconds);
            pairsByPath.computeIfAbsent(name, n -> new ArrayList<>()).addAll(pairs);
            pairs.forEach(
                    p -> samples.computeIfAbsent(name, n -> new ArrayList<>()).add(p[1] - p[0]));
        }
        Stats rm = Stats.of(samples.getOrDefault("lat-rm", List.of()));
        Stats sd = Stats.of(samples.getOrDefault("lat-sd", List.of()));
        System.out.printf(
                Locale.ROOT,
                "%nlatency: main process exit -> restarted instance start (%d alternating rounds of %d s each)%n",
                rounds * 2,
                roundSeconds);
        System.out.println(Stats.HEADER);
        System.out.println(rm.row("recovery manager (restart-service)"));
        System.out.println(sd.row("systemd Restart=on-failure RestartSec=0"));
        System.out.printf(
                Locale.ROOT, "ratio: median %.2fx, p95 %.2fx%n", rm.median() / sd.median(), rm.p95() / sd.p95());
        breakdown(pairsByPath.getOrDefault("lat-rm", List.of()));
    }

    /** One round of one service; returns {exit, next start} pairs in microseconds. */
    private List<long[]> latencyRound(String name, int seconds) throws Exception {
        Path starts = dir.resolve(name + ".starts");
        Path exits = dir.resolve(name + ".exits");
        Path stop = dir.resolve("stop");
        Files.deleteIfExists(stop);
        Files.deleteIfExists(starts);
        Files.deleteIfExists(exits);
        sandbox.systemctl("start", name + ".service").orThrow();
        Thread.sleep(seconds * 1000L);
        Files.writeString(stop, "");
        // The next start exits 0 at once: no restart follows, by systemd or by the daemon.
        await(
                () -> {
                    String state = sandbox.property(name + ".service", "ActiveState");
                    return state.equals("inactive");
                },
                name + " inactive after the round",
                20);
        List<Long> s = stamps(starts);
        List<Long> e = stamps(exits);
        List<long[]> pairs = new ArrayList<>();
        for (long exit : e) {
            s.stream().filter(t -> t > exit).findFirst().ifPresent(next -> pairs.add(new long[] {exit, next}));
        }
        Files.deleteIfExists(stop);
        return pairs;
    }

    /** Where the daemon's time goes for one failure, from its log (ms resolution), medians. */
    private void breakdown(List<long[]> pairs) {
        List<LogEvent> events = logEvents();
        List<Long> toReported = new ArrayList<>();
        List<Long> toCounted = new ArrayList<>();
        List<Long> toIssued = new ArrayList<>();
        List<Long> toStart = new ArrayList<>();
        for (long[] pair : pairs) {
            Optional<LogEvent> reported = firstAfter(events, "reported", "lat-rm.service", pair[0] - 1000);
            Optional<LogEvent> counted = firstAfter(events, "counted", "lat-rm.service", pair[0] - 1000);
            Optional<LogEvent> issued = firstAfter(events, "issued", "lat-rm.service", pair[0] - 1000);
            if (reported.isEmpty() || counted.isEmpty() || issued.isEmpty()) {
                continue;
            }
            toReported.add(reported.get().micros - pair[0]);
            toCounted.add(counted.get().micros - reported.get().micros);
            toIssued.add(issued.get().micros - counted.get().micros);
            toStart.add(pair[1] - issued.get().micros);
        }
        if (toReported.isEmpty()) {
            System.out.println("breakdown: no log lines matched");
            return;
        }
        System.out.printf(
                Locale.ROOT,
                "breakdown (daemon log, ms resolution, medians over %d): exit -> failure reported by the adapter"
                        + " %.1f ms; -> counted (durable) %.1f ms; -> restart issued %.1f ms; -> new instance started"
                        + " %.1f ms%n",
                toReported.size(),
                Stats.of(toReported).median() / 1000,
                Stats.of(toCounted).median() / 1000,
                Stats.of(toIssued).median() / 1000,
                Stats.of(toStart).median() / 1000);
    }

    // ---------------------------------------------------------------- storm

    private void stormRound(int size, int round, int idleCpuSeconds) throws Exception {
        List<String> ours = instances("storm", size);
        List<String> twins = instances("stormsd", size);
        clearStamps("storm");
        clearStamps("stormsd");
        // The triggers are held before any instance starts: every first run blocks until released.
        Process oursHeld = holdTrigger(dir.resolve("trigger-storm"));
        Process twinsHeld = holdTrigger(dir.resolve("trigger-stormsd"));
        StormResult rm;
        StormResult sd;
        try {
            startAll(ours);
            startAll(twins);
            awaitRan("storm", size);
            awaitRan("stormsd", size);
            System.out.printf(
                    Locale.ROOT,
                    "%nstorm round %d: %d + %d instances loaded and waiting; load %s%n",
                    round,
                    size,
                    size,
                    loadAverage());
            if (idleCpuSeconds > 0) {
                idleCpu(idleCpuSeconds, (2 * size) + " more services loaded (" + size + " under one template unit)");
            }
            rm = trigger("storm", ours, oursHeld);
            sd = trigger("stormsd", twins, twinsHeld);
        } finally {
            release(oursHeld);
            release(twinsHeld);
        }
        System.out.printf(
                Locale.ROOT,
                "storm of %d: recovery manager first exit -> last up %.0f ms (%d/%d up; median exit -> up %.0f ms;"
                        + " last exit at %.0f ms)%n",
                size,
                rm.lastUpMs(),
                rm.up(),
                size,
                rm.medianMs(),
                rm.lastExitMs());
        System.out.printf(
                Locale.ROOT,
                "storm of %d: systemd Restart=             first exit -> last up %.0f ms (%d/%d up; median exit -> up"
                        + " %.0f ms; last exit at %.0f ms)%n",
                size,
                sd.lastUpMs(),
                sd.up(),
                size,
                sd.medianMs(),
                sd.lastExitMs());
        System.out.printf(
                Locale.ROOT,
                "storm ratio: last up %.2fx, median exit -> up %.2fx%n",
                rm.lastUpMs() / sd.lastUpMs(),
                rm.medianMs() / sd.medianMs());
        stormBreakdown(ours, rm.firstExit());
        countedOnce(ours, round);
        // Stop them all: the next round starts fresh instances.
        stopAll(ours);
        stopAll(twins);
    }

    private record StormResult(long firstExit, double lastExitMs, double lastUpMs, int up, double medianMs) {}

    /** Ends a trigger's {@code flock} process and its children, by PID, if still running. */
    private static void release(Process holder) {
        try {
            holder.getOutputStream().close();
        } catch (IOException e) {
            // already closed
        }
        try {
            if (!holder.waitFor(10, TimeUnit.SECONDS)) {
                holder.descendants().forEach(ProcessHandle::destroyForcibly);
                holder.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes the trigger file's lock in a {@code flock} process; closing its stdin releases it. */
    private static Process holdTrigger(Path trigger) throws IOException {
        Process holder = new ProcessBuilder("flock", "-x", "-o", trigger.toString(), "sh", "-c", "echo locked; cat")
                .redirectErrorStream(true)
                .start();
        byte[] line = new byte[7];
        if (holder.getInputStream().readNBytes(line, 0, 7) != 7) {
            throw new IllegalStateException("flock did not take the lock of " + trigger);
        }
        return holder;
    }

    private StormResult trigger(String template, List<String> instances, Process holder) throws Exception {
        // Let the instances reach flock; they are waiting once they created their marker.
        Thread.sleep(1500);
        holder.getOutputStream().close(); // cat ends, flock ends, the lock is released: all fail at once
        holder.waitFor(30, TimeUnit.SECONDS);
        Path stamps = dir.resolve(template);
        // A whole stamp in each: the shell creates the file before date writes into it.
        await(
                () -> instances.stream()
                                .map(PackagedStormBenchmark::instanceId)
                                .filter(id ->
                                        !stamps(stamps.resolve(id + ".up")).isEmpty())
                                .count()
                        >= instances.size(),
                template + ": every instance up again",
                1);
        long firstExit = Long.MAX_VALUE;
        long lastExit = Long.MIN_VALUE;
        long lastUp = Long.MIN_VALUE;
        List<Long> each = new ArrayList<>();
        int up = 0;
        for (String instance : instances) {
            String id = instanceId(instance);
            List<Long> exit = stamps(stamps.resolve(id + ".exit"));
            List<Long> upAt = stamps(stamps.resolve(id + ".up"));
            if (exit.isEmpty() || upAt.isEmpty()) {
                System.out.printf(
                        "storm of %d: %s has %d exit and %d up stamps: %s%n",
                        instances.size(),
                        instance,
                        exit.size(),
                        upAt.size(),
                        Files.exists(stamps.resolve(id + ".ran")) ? "its first run started" : "never ran");
                continue;
            }
            up++;
            firstExit = Math.min(firstExit, exit.get(0));
            lastExit = Math.max(lastExit, exit.get(0));
            lastUp = Math.max(lastUp, upAt.get(0));
            each.add(upAt.get(0) - exit.get(0));
        }
        return new StormResult(
                firstExit,
                (lastExit - firstExit) / 1000.0,
                (lastUp - firstExit) / 1000.0,
                up,
                Stats.of(each).median() / 1000);
    }

    private void stormBreakdown(List<String> instances, long firstExit) {
        List<LogEvent> events = logEvents().stream()
                .filter(e -> e.micros >= firstExit - 1000 && instances.contains(e.service))
                .toList();
        StringBuilder line = new StringBuilder("storm breakdown (daemon log, from the first exit):");
        long counted = events.stream().filter(e -> e.kind.equals("counted")).count();
        for (String kind : List.of("reported", "counted", "issued", "done")) {
            long first = events.stream()
                    .filter(e -> e.kind.equals(kind))
                    .mapToLong(e -> e.micros)
                    .min()
                    .orElse(-1);
            long last = events.stream()
                    .filter(e -> e.kind.equals(kind))
                    .mapToLong(e -> e.micros)
                    .max()
                    .orElse(-1);
            if (first < 0) {
                continue;
            }
            line.append(String.format(
                    Locale.ROOT,
                    " %s %.0f..%.0f ms;",
                    kind,
                    (first - firstExit) / 1000.0,
                    (last - firstExit) / 1000.0));
        }
        long firstCounted = events.stream()
                .filter(e -> e.kind.equals("counted"))
                .mapToLong(e -> e.micros)
                .min()
                .orElse(0);
        long lastCounted = events.stream()
                .filter(e -> e.kind.equals("counted"))
                .mapToLong(e -> e.micros)
                .max()
                .orElse(0);
        line.append(String.format(
                Locale.ROOT, " %d failures counted over %.0f ms", counted, (lastCounted - firstCounted) / 1000.0));
        System.out.println(line);
    }

    /** Every instance's rvector equals the number of storm rounds: each failure counted once. */
    private void countedOnce(List<String> instances, int round) {
        try (SqliteRecoveryStore store = SqliteRecoveryStore.openReadOnly(home.resolve("state"))) {
            Map<Integer, Integer> histogram = new java.util.TreeMap<>();
            for (String instance : instances) {
                histogram.merge(store.state(instance).rvector(), 1, Integer::sum);
            }
            boolean once = histogram.size() == 1 && histogram.containsKey(round);
            System.out.printf(
                    Locale.ROOT,
                    "counted: rvector -> instances %s (%s)%n",
                    histogram,
                    once ? "each failure counted once" : "NOT each failure counted once");
        }
    }

    private static List<String> instances(String template, int size) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            names.add(template + "@" + i + ".service");
        }
        return names;
    }

    private void clearStamps(String template) throws IOException {
        Path stamps = Files.createDirectories(dir.resolve(template));
        try (var files = Files.list(stamps)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }

    private void startAll(List<String> instances) {
        List<String> args = new ArrayList<>(List.of("start", "--no-block"));
        args.addAll(instances);
        sandbox.systemctl(args.toArray(String[]::new)).orThrow();
    }

    private void stopAll(List<String> instances) {
        List<String> args = new ArrayList<>(List.of("stop"));
        args.addAll(instances);
        sandbox.systemctl(args.toArray(String[]::new)).orThrow();
    }

    private void awaitRan(String template, int size) {
        Path stamps = dir.resolve(template);
        await(() -> count(stamps, ".ran") >= size, template + ": every instance started", 1);
    }

    /** {@code 17} for {@code storm@17.service}: the name of the instance's stamp files. */
    private static String instanceId(String instance) {
        return instance.substring(instance.indexOf('@') + 1, instance.indexOf(".service"));
    }

    private static int count(Path directory, String suffix) {
        try (var files = Files.list(directory)) {
            return (int) files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- helpers

    private record LogEvent(String kind, String service, long micros) {}

    private List<LogEvent> logEvents() {
        List<LogEvent> events = new ArrayList<>();
        for (String line : readLog().split("\n")) {
            Matcher m = LOG_LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            long micros = LocalDateTime.parse(m.group(1), LOG_TIME)
                            .toInstant(ZoneOffset.UTC)
                            .toEpochMilli()
                    * 1000;
            String message = m.group(2);
            for (Map.Entry<String, Pattern> kind : Map.of(
                            "reported", REPORTED, "counted", COUNTED, "issued", ISSUED, "done", DONE)
                    .entrySet()) {
                Matcher k = kind.getValue().matcher(message);
                if (k.matches()) {
                    events.add(new LogEvent(kind.getKey(), k.group(1), micros));
                }
            }
        }
        return events;
    }

    private static Optional<LogEvent> firstAfter(List<LogEvent> events, String kind, String service, long micros) {
        return events.stream()
                .filter(e -> e.kind.equals(kind) && e.service.equals(service) && e.micros >= micros)
                .findFirst();
    }

    private String readLog() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stamps of {@code date +%s.%N}, one a line, as microseconds; an incomplete last line is ignored. */
    private static List<Long> stamps(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Long> out = new ArrayList<>();
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return out;
        }
        for (String line : text.substring(0, end).split("\n")) {
            if (!line.isBlank()) {
                out.add(new BigDecimal(line.strip()).movePointRight(6).longValue());
            }
        }
        return out;
    }

    private void await(BooleanSupplier condition, String what, long pollMillis) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (daemon != null && !daemon.isAlive()) {
                throw new IllegalStateException("the daemon exited with " + daemon.exitValue() + " while waiting for "
                        + what + "\n" + readLog());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + WAIT + " waiting for " + what);
            }
            try {
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
    }

    private static long rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return String.join(" ", Arrays.copyOf(parts, 3));
        } catch (IOException e) {
            return "?";
        }
    }

    private static int intOption(String[] args, String name, int fallback) {
        String value = stringOption(args, name, null);
        if (value == null) {
            return fallback;
        }
        int parsed = Integer.parseInt(value);
        if (parsed < 0) {
            throw new IllegalArgumentException(name + ": not a non-negative integer: '" + value + "'");
        }
        return parsed;
    }

    /** The option's value; the last one wins when given twice (wrapper scripts put defaults first). */
    private static String stringOption(String[] args, String name, String fallback) {
        String value = fallback;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + ": missing value");
                }
                value = args[++i];
            }
        }
        return value;
    }

    /** Distribution summary in microseconds. */
    record Stats(int n, double median, double p95, double min, double max) {
        static final String HEADER = String.format(
                Locale.ROOT, "%-42s %5s %10s %10s %10s %10s", "path", "n", "median ms", "p95 ms", "min ms", "max ms");

        static Stats of(List<Long> micros) {
            long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
            int n = sorted.length;
            if (n == 0) {
                return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
            double p95 = sorted[Math.min(n - 1, (int) Math.ceil(0.95 * n) - 1)];
            return new Stats(n, median, p95, sorted[0], sorted[n - 1]);
        }

        String row(String label) {
            return String.format(
                    Locale.ROOT,
                    "%-42s %5d %10.2f %10.2f %10.2f %10.2f",
                    label,
                    n,
                    median / 1000,
                    p95 / 1000,
                    min / 1000,
                    max / 1000);
        }
    }
}
