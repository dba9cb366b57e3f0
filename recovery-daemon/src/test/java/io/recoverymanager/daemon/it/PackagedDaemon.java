package io.recoverymanager.daemon.it;

import io.recoverymanager.testkit.sandbox.SystemdSandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The packaged launcher ({@code target/recoverymanager/bin/recoverymanager}) run as an operator (or
 * an attacker) would: a {@code run} daemon as a separate process against a sandboxed systemd, and
 * one-shot CLI commands next to it. Every process started here is stopped by PID in {@link #close}.
 *
 * <p>Typical use:
 *
 * <pre>{@code
 * try (SystemdSandbox systemd = SystemdSandbox.start();
 *         PackagedDaemon daemon = PackagedDaemon.in(tmp).sandbox(systemd).start()) {
 *     daemon.awaitReady();
 *     PackagedDaemon.Run reset = daemon.cli("reset", "app.service");
 * }
 * }</pre>
 *
 * <p>The daemon's directories live under the given folder: {@link #unitsDir()}, {@link #stateDir()},
 * {@link #runtimeDir()}; its config is written to {@code recoverymanager.toml} there, built from
 * {@link Builder#configLine} lines and {@link Builder#section} text after the generated defaults.
 *
 * <p>Thread-safety: not thread-safe; one test thread.
 */
public final class PackagedDaemon implements AutoCloseable {
    /** The launcher under test, built by {@code mvn package} before the integration tests run. */
    public static final Path LAUNCHER =
            Path.of("target", "recoverymanager", "bin", "recoverymanager").toAbsolutePath();

    /** The default bound for conditions awaited from a real daemon (generous: CI machines are loaded). */
    public static final Duration WAIT = Duration.ofSeconds(90);

    /** A finished one-shot command. */
    public record Run(List<String> command, int exitCode, String out, String err) {
        /** Out and err together, for assertion messages. */
        public String describe() {
            return command + " exited " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private final Path home;
    private final Path config;
    private final Optional<String> hostname;
    private final Optional<String> stateTmpfsSize;
    private final Map<String, String> env;
    private final Path log;
    private List<String> runArgs = List.of();
    private boolean hangupIgnored;
    private Process process;
    private int starts;
    private Map<String, String> nextStartOnly = Map.of();

    private PackagedDaemon(
            Path home,
            Path config,
            Optional<String> hostname,
            Optional<String> stateTmpfsSize,
            Map<String, String> env) {
        this.home = home;
        this.config = config;
        this.hostname = hostname;
        this.stateTmpfsSize = stateTmpfsSize;
        this.env = env;
        this.log = home.resolve("daemon.log");
    }

    /** A daemon whose directories and config live under {@code home}. */
    public static Builder in(Path home) {
        return new Builder(home);
    }

    /** Builds the configuration and the process. */
    public static final class Builder {
        private final Path home;
        private SystemdSandbox sandbox;
        private String runMode = "master";
        private String context = "host";
        private String hostname;
        private String stateTmpfsSize;
        private final List<String> lines = new ArrayList<>();
        private final List<String> sections = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> runArgs = new ArrayList<>();
        private boolean hangupIgnored;

        private Builder(Path home) {
            this.home = home;
        }

        /** The systemd the daemon watches (its bus address goes into the config). */
        public Builder sandbox(SystemdSandbox systemd) {
            this.sandbox = systemd;
            return this;
        }

        /** {@code run-mode}: master (default), slave or auto. */
        public Builder runMode(String mode) {
            this.runMode = mode;
            return this;
        }

        /** {@code context} (default {@code host}); {@code null} leaves it to the hostname. */
        public Builder context(String name) {
            this.context = name;
            return this;
        }

        /** Runs the daemon in its own UTS namespace with this hostname (a stand-in for a container). */
        public Builder hostname(String name) {
            this.hostname = name;
            return this;
        }

        /**
         * Runs the daemon in its own mount namespace with a tmpfs of this size (such as {@code "4m"})
         * as its state directory, so a test can fill the disk under the store. The tmpfs exists only
         * while the daemon runs; reach it from outside through {@link #stateDirInNamespace()}.
         */
        public Builder stateOnTmpfs(String size) {
            this.stateTmpfsSize = size;
            return this;
        }

        /** One more top-level config line, such as {@code integrity-check-delay = "1s"}. */
        public Builder configLine(String line) {
            lines.add(line);
            return this;
        }

        /** A config section, such as {@code "[commands]\nplatform-restart = [...]"}. */
        public Builder section(String text) {
            sections.add(text);
            return this;
        }

        /** An environment variable for the daemon and the CLI commands. */
        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /** Writes the config and directories; the daemon is not started yet. */
        public PackagedDaemon create() throws IOException {
            if (sandbox == null) {
                throw new IllegalStateException("a sandbox is required");
            }
            Files.createDirectories(home.resolve("units"));
            StringBuilder text = new StringBuilder();
            text.append("run-mode = \"").append(runMode).append("\"\n");
            if (context != null) {
                text.append("context = \"").append(context).append("\"\n");
            }
            text.append("units-dir = \"").append(home.resolve("units")).append("\"\n");
            text.append("state-dir = \"").append(home.resolve("state")).append("\"\n");
            text.append("runtime-dir = \"").append(home.resolve("run")).append("\"\n");
            text.append("bus = \"").append(sandbox.busAddress()).append("\"\n");
            if (lines.stream().noneMatch(l -> l.startsWith("integrity-check-delay"))) {
                text.append("integrity-check-delay = \"1h\"\n");
            }
            lines.forEach(l -> text.append(l).append('\n'));
            if (sections.stream().noneMatch(s -> s.startsWith("[ipc]"))) {
                text.append("[ipc]\nsocket = \"")
                        .append(home.resolve("run/rmgr.sock"))
                        .append("\"\n");
                text.append("timeout = \"5s\"\n");
            }
            sections.forEach(s -> text.append(s).append('\n'));
            Path config = home.resolve("recoverymanager.toml");
            Files.writeString(config, text.toString());
            PackagedDaemon daemon = new PackagedDaemon(
                    home, config, Optional.ofNullable(hostname), Optional.ofNullable(stateTmpfsSize), Map.copyOf(env));
            daemon.runArgs = List.copyOf(runArgs);
            daemon.hangupIgnored = hangupIgnored;
            return daemon;
        }

        /**
         * Starts the daemon with SIGHUP ignored, as {@code nohup} or a careless parent leaves it
         * (an ignored signal stays ignored across exec).
         */
        public Builder hangupIgnored() {
            this.hangupIgnored = true;
            return this;
        }

        /** More arguments of {@code run} after {@code --config FILE}, such as {@code --log-level debug}. */
        public Builder runArgs(String... args) {
            runArgs.addAll(List.of(args));
            return this;
        }

        /** Writes the config and starts {@code recoverymanager run}. */
        public PackagedDaemon start() throws IOException {
            PackagedDaemon daemon = create();
            daemon.start();
            return daemon;
        }
    }

    /** Starts {@code recoverymanager run --config ...} (again, after {@link #kill9} or {@link #stop}). */
    public PackagedDaemon start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running as pid " + process.pid());
        }
        if (!Files.isExecutable(LAUNCHER)) {
            throw new IllegalStateException(LAUNCHER + " is missing: mvn package runs before the ITs");
        }
        starts++;
        Files.writeString(
                log,
                "---- start " + starts + " ----\n",
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        List<String> command = new ArrayList<>();
        if (hostname.isPresent()) {
            command.addAll(List.of(
                    "unshare",
                    "--uts",
                    "--",
                    "/bin/sh",
                    "-c",
                    "hostname \"$1\" && shift && exec \"$@\"",
                    "sh",
                    hostname.get()));
        }
        if (stateTmpfsSize.isPresent()) {
            // unshare without --fork execs: the daemon keeps this process's pid.
            command.addAll(List.of(
                    "unshare",
                    "--mount",
                    "--propagation",
                    "private",
                    "--",
                    "/bin/sh",
                    "-c",
                    "mkdir -p \"$2\" && mount -t tmpfs -o size=\"$1\",mode=0700 tmpfs \"$2\" && shift 2 && exec \"$@\"",
                    "sh",
                    stateTmpfsSize.get(),
                    stateDir().toString()));
        }
        if (hangupIgnored) {
            command.addAll(List.of("/bin/sh", "-c", "trap '' HUP && exec \"$@\"", "sh"));
        }
        command.addAll(List.of(LAUNCHER.toString(), "run", "--config", config.toString()));
        command.addAll(runArgs);
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().remove("JAVA_OPTS");
        pb.environment().remove("NOTIFY_SOCKET");
        pb.environment().putAll(env);
        pb.environment().putAll(nextStartOnly);
        nextStartOnly = Map.of();
        process = pb.start();
        return this;
    }

    /**
     * Starts the daemon with the crash point armed ({@code JAVA_OPTS=-Drecoverymanager.crash-point=
     * point}) for this start only; a later {@link #start()} runs without it.
     */
    public PackagedDaemon startCrashingAt(String point) throws IOException {
        nextStartOnly = Map.of("JAVA_OPTS", "-Drecoverymanager.crash-point=" + point);
        return start();
    }

    /** Waits until the daemon process exits (after a crash point, for example); returns its status. */
    public int awaitExit() throws InterruptedException {
        Process p = requireProcess();
        if (!p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the daemon did not exit within " + WAIT + "\n" + log());
        }
        return p.exitValue();
    }

    /** Waits until this start of the daemon logged {@code ready:}. */
    public PackagedDaemon awaitReady() {
        String marker = "---- start " + starts + " ----";
        await(
                () -> {
                    String text = log();
                    int at = text.lastIndexOf(marker);
                    return at >= 0 && text.indexOf("ready:", at) >= 0;
                },
                "the daemon logged ready");
        return this;
    }

    /** Runs a one-shot command of the launcher with {@code --config} of this daemon appended. */
    public Run cli(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add(config.toString());
        return command(all);
    }

    /**
     * Runs a one-shot command of the launcher as another user, with {@code --config} of this daemon
     * appended: {@code setpriv --reuid=UID --regid=GID --clear-groups LAUNCHER ARGS}. The caller
     * makes the daemon's home readable for that user.
     */
    public Run cliAs(int uid, int gid, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", LAUNCHER.toString()));
        command.addAll(List.of(args));
        command.add("--config");
        command.add(config.toString());
        return runProgram(home, env, command);
    }

    /**
     * Runs a one-shot command of the launcher inside the running daemon's mount namespace (with
     * {@code nsenter}), {@code --config} of this daemon appended: it sees the daemon's tmpfs state
     * directory of {@link Builder#stateOnTmpfs}.
     */
    public Run cliInDaemonNamespace(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of("nsenter", "--target", Long.toString(pid()), "--mount", "--", LAUNCHER.toString()));
        command.addAll(List.of(args));
        command.add("--config");
        command.add(config.toString());
        return runProgram(home, env, command);
    }

    /** Runs the launcher with exactly these arguments (no config added). */
    public Run command(List<String> args) throws IOException, InterruptedException {
        return runLauncher(home, env, args);
    }

    /** Runs the launcher with exactly these arguments in {@code cwd}, outside any daemon. */
    public static Run runLauncher(Path cwd, Map<String, String> env, List<String> args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(args);
        return runProgram(cwd, env, command);
    }

    private static Run runProgram(Path cwd, Map<String, String> env, List<String> command)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(cwd, "cli", ".out");
        Path err = Files.createTempFile(cwd, "cli", ".err");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(cwd.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().remove("JAVA_OPTS");
        pb.environment().remove("NOTIFY_SOCKET");
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            if (!p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError(command + " did not finish within " + WAIT);
            }
            return new Run(
                    List.copyOf(command),
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The pid of the running daemon process (the launcher execs Java, so it is the JVM's). */
    public long pid() {
        return requireProcess().pid();
    }

    /** Whether the daemon process is alive. */
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** SIGKILL, and waits until the process is gone. */
    public void kill9() throws InterruptedException {
        Process p = requireProcess();
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, waits for the exit and returns the exit code (143 after a clean shutdown). */
    public int stop() throws InterruptedException {
        Process p = requireProcess();
        p.destroy();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("the daemon did not stop within 60 s of SIGTERM\n" + log());
        }
        return p.exitValue();
    }

    /** Sends a signal by number to the daemon process (for example 1 for SIGHUP). */
    public void signal(int number) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + number, Long.toString(pid())).start();
        kill.waitFor(10, TimeUnit.SECONDS);
    }

    /** Everything the daemon printed, over all its starts. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Polls the condition until it holds, failing with the daemon's log after {@link #WAIT}. */
    public void await(BooleanSupplier condition, String what) {
        await(condition, WAIT, what);
    }

    /** Polls the condition until it holds, failing with the daemon's log after {@code timeout}. */
    public void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "timed out after " + timeout + " waiting for: " + what + "\ndaemon log:\n" + log());
            }
            if (process != null && !process.isAlive() && !condition.getAsBoolean()) {
                throw new AssertionError("the daemon exited with " + process.exitValue() + " while waiting for: " + what
                        + "\ndaemon log:\n" + log());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /**
     * Polls the condition every 50 ms until it holds; after {@code timeout} fails naming {@code what}
     * followed by {@code diagnostics} (read only then). For tests that watch something other than a
     * packaged daemon's log.
     */
    public static void awaitCondition(
            BooleanSupplier condition, Duration timeout, String what, Supplier<String> diagnostics) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what + diagnostics.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** How many times {@code what} occurs in {@code text} (overlapping occurrences count). */
    public static int occurrences(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            n++;
        }
        return n;
    }

    /** The unit's current {@code InvocationID} in the sandbox; an assertion error when it cannot be read. */
    public static String invocationId(SystemdSandbox systemd, String unit) {
        try {
            return systemd.property(unit, "InvocationID");
        } catch (Exception e) {
            throw new AssertionError("cannot read the InvocationID of " + unit, e);
        }
    }

    /** Writes a unit into the units directory. */
    public Path writeUnit(String fileName, String toml) throws IOException {
        return Files.writeString(unitsDir().resolve(fileName), toml);
    }

    public Path home() {
        return home;
    }

    public Path config() {
        return config;
    }

    public Path unitsDir() {
        return home.resolve("units");
    }

    public Path stateDir() {
        return home.resolve("state");
    }

    /**
     * The state directory as the running daemon sees it, reached from outside its mount namespace
     * ({@code /proc/<pid>/root/...}); the same as {@link #stateDir()} without {@link
     * Builder#stateOnTmpfs}.
     */
    public Path stateDirInNamespace() {
        return stateTmpfsSize.isPresent()
                ? Path.of("/proc", Long.toString(pid()), "root")
                        .resolve(stateDir().toString().substring(1))
                : stateDir();
    }

    public Path runtimeDir() {
        return home.resolve("run");
    }

    private Process requireProcess() {
        if (process == null) {
            throw new IllegalStateException("not started");
        }
        return process;
    }

    /** Stops the daemon by PID (SIGTERM, then SIGKILL) and every process it left behind. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
