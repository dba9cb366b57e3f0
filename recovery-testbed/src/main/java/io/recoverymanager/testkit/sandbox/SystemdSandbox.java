package io.recoverymanager.testkit.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A private, real {@code systemd --user} manager with its own session bus, for integration tests
 * and benchmarks that need the real thing.
 *
 * <h2>Recipe (verified as root on Debian 12, systemd 252)</h2>
 *
 * <ol>
 *   <li>{@code unshare -m --propagation private} (plus {@code -u} for an own UTS namespace and
 *       hostname, standing in for a container) runs a small bundled script ({@code
 *       start-user-manager.sh}) that receives its directories as whole argv entries.
 *   <li>The script mounts a tmpfs on {@code /run/systemd} and creates {@code /run/systemd/system},
 *       so the manager believes it runs on a systemd-booted host without touching the host's
 *       {@code /run/systemd}; sets the hostname when asked.
 *   <li>It exports {@code XDG_RUNTIME_DIR} (a fresh 0700 directory), {@code XDG_CONFIG_HOME} and
 *       {@code XDG_DATA_HOME} (fresh directories) and {@code exec}s {@code
 *       /usr/lib/systemd/systemd --user} with a clean environment, so the started process's PID is
 *       the manager's PID.
 *   <li>The distribution's user units include {@code dbus.socket}: the manager listens on {@code
 *       $XDG_RUNTIME_DIR/bus} itself and socket-activates {@code dbus-daemon --session} on the
 *       first connection (no second dbus-daemon is started here). The manager's own peer-to-peer
 *       socket is {@code $XDG_RUNTIME_DIR/systemd/private}.
 *   <li>Start-up waits (bounded) until {@code busctl} can ping {@code org.freedesktop.systemd1}
 *       through the bus socket, which also activates the bus.
 * </ol>
 *
 * <p>{@code systemctl --user} works from outside the mount namespace with just {@code
 * XDG_RUNTIME_DIR} and {@code DBUS_SESSION_BUS_ADDRESS} set: it talks to the private socket by
 * path, so no {@code nsenter} is needed. When {@code dbus-daemon} is killed, {@code dbus.socket}
 * keeps listening: the next client connection activates a new {@code dbus-daemon}, and the manager
 * reconnects to it and takes its name {@code org.freedesktop.systemd1} again shortly after.
 *
 * <p>{@link #close()} sends SIGTERM to the manager (which stops its units and exits), then SIGKILL
 * after a grace period, then terminates every descendant process that is still alive (by PID),
 * and deletes the temporary directories. When the sandbox cannot start (not root, no systemd, no
 * {@code unshare}) {@link #start()} throws {@link SandboxException} with the reason and the
 * manager's log: tests that need it fail instead of being skipped.
 *
 * <p>Thread-safety: the accessors are safe from any thread; {@link #writeUnit}, {@link #systemctl}
 * and {@link #close()} may be called from any thread but unit files written concurrently with the
 * same name race as files do.
 */
public final class SystemdSandbox implements AutoCloseable {
    private static final String SYSTEMD = "/usr/lib/systemd/systemd";
    private static final Pattern UNIT_NAME = Pattern.compile("[A-Za-z0-9:_.\\\\@-]+\\.[a-z]+");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final Path root;
    private final Path runtimeDir;
    private final Path configDir;
    private final Path logFile;
    private final Process manager;
    private final Optional<String> hostname;
    private final Object closeLock = new Object();
    private boolean closed;

    private SystemdSandbox(
            Path root, Path runtimeDir, Path configDir, Path logFile, Process manager, Optional<String> hostname) {
        this.root = root;
        this.runtimeDir = runtimeDir;
        this.configDir = configDir;
        this.logFile = logFile;
        this.manager = manager;
        this.hostname = hostname;
    }

    /** Starts a sandbox in the current UTS namespace, waiting up to 90 s for its bus. */
    public static SystemdSandbox start() {
        return builder().start();
    }

    /** A builder for a sandbox with options (own hostname, start timeout). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Options of a sandbox.
     *
     * <p>Thread-safety: not thread-safe; use from one thread.
     */
    public static final class Builder {
        private Optional<String> hostname = Optional.empty();
        private Duration startTimeout = Duration.ofSeconds(90); // generous: CI machines are loaded

        private Builder() {}

        /**
         * Runs the manager in its own UTS namespace with this hostname, standing in for a container.
         */
        public Builder hostname(String name) {
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9.-]{0,62}")) {
                throw new IllegalArgumentException("SystemdSandbox.hostname: not a valid hostname: '" + name + "'");
            }
            this.hostname = Optional.of(name);
            return this;
        }

        /** How long to wait for the manager and its bus to answer. */
        public Builder startTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("SystemdSandbox.startTimeout: must be positive, was " + timeout);
            }
            this.startTimeout = timeout;
            return this;
        }

        /** Starts the manager and waits until its bus answers. */
        public SystemdSandbox start() {
            return SystemdSandbox.launch(hostname, startTimeout);
        }
    }

    private static SystemdSandbox launch(Optional<String> hostname, Duration startTimeout) {
        checkPrerequisites();
        Path root;
        try {
            root = Files.createTempDirectory("rm-systemd-");
        } catch (IOException e) {
            throw new SandboxException("cannot create the sandbox directory: " + e.getMessage(), e);
        }
        Path runtimeDir = root.resolve("run");
        Path configDir = root.resolve("config");
        Path dataDir = root.resolve("data");
        Path logFile = root.resolve("manager.log");
        Path script = root.resolve("start-user-manager.sh");
        Process process = null;
        try {
            Files.createDirectory(
                    runtimeDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.createDirectories(configDir.resolve("systemd").resolve("user"));
            Files.createDirectories(dataDir.resolve("systemd").resolve("user"));
            try (InputStream in = SystemdSandbox.class.getResourceAsStream("start-user-manager.sh")) {
                if (in == null) {
                    throw new SandboxException("the bundled start-user-manager.sh is missing from the classpath");
                }
                Files.write(script, in.readAllBytes());
            }
            List<String> command = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private"));
            if (hostname.isPresent()) {
                command.add("-u");
            }
            command.addAll(List.of(
                    "/bin/bash",
                    script.toString(),
                    runtimeDir.toString(),
                    configDir.toString(),
                    dataDir.toString(),
                    hostname.orElse("")));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Map<String, String> env = builder.environment();
            env.clear();
            env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
            env.put("HOME", System.getProperty("user.home", "/root"));
            env.put("LANG", "C.UTF-8");
            process = builder.start();
            SystemdSandbox sandbox = new SystemdSandbox(root, runtimeDir, configDir, logFile, process, hostname);
            try {
                sandbox.awaitBus(startTimeout);
            } catch (RuntimeException e) {
                sandbox.close();
                throw e;
            }
            return sandbox;
        } catch (IOException e) {
            if (process != null) {
                process.destroyForcibly();
            }
            deleteTree(root);
            throw new SandboxException("cannot start the sandboxed user manager: " + e.getMessage(), e);
        }
    }

    private static void checkPrerequisites() {
        if (!Files.isExecutable(Path.of(SYSTEMD))) {
            throw new SandboxException(SYSTEMD + " is missing: install systemd to run these tests");
        }
        String user = System.getProperty("user.name");
        if (!"root".equals(user)) {
            throw new SandboxException(
                    "the sandbox needs root (unshare -m, mount tmpfs on /run/systemd); running as '" + user + "'");
        }
    }

    private void awaitBus(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastError = "";
        while (System.nanoTime() < deadline) {
            if (!manager.isAlive()) {
                throw new SandboxException("the user manager exited with status " + manager.exitValue()
                        + " before its bus answered; log:\n" + logTail());
            }
            if (Files.exists(busSocket())) {
                CommandResult ping = run(List.of(
                        "busctl",
                        "--address=" + busAddress(),
                        "call",
                        "org.freedesktop.systemd1",
                        "/org/freedesktop/systemd1",
                        "org.freedesktop.DBus.Peer",
                        "Ping"));
                if (ping.exitCode() == 0) {
                    return;
                }
                lastError = ping.stderr();
            }
            pause(Duration.ofMillis(50));
        }
        throw new SandboxException("the user manager's bus did not answer within " + timeout + " (last error: "
                + lastError.strip() + "); log:\n" + logTail());
    }

    /** The session bus of this manager, as a D-Bus address ({@code unix:path=...}). */
    public String busAddress() {
        return "unix:path=" + busSocket();
    }

    /** The path of the session bus socket ({@code $XDG_RUNTIME_DIR/bus}). */
    public Path busSocket() {
        return runtimeDir.resolve("bus");
    }

    /** The manager's own peer-to-peer socket ({@code $XDG_RUNTIME_DIR/systemd/private}). */
    public Path privateSocket() {
        return runtimeDir.resolve("systemd").resolve("private");
    }

    /** The manager's {@code XDG_RUNTIME_DIR}. */
    public Path runtimeDir() {
        return runtimeDir;
    }

    /** Where unit files go ({@code $XDG_CONFIG_HOME/systemd/user}). */
    public Path unitDir() {
        return configDir.resolve("systemd").resolve("user");
    }

    /** A directory for tests' own files (markers, timestamps), removed on close. */
    public Path scratchDir() {
        Path dir = root.resolve("scratch");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** The PID of the manager process ({@code systemd --user}). */
    public long pid() {
        return manager.pid();
    }

    /** The hostname of the sandbox's own UTS namespace, when one was asked for. */
    public Optional<String> hostname() {
        return hostname;
    }

    /**
     * Where "vendor" unit files go ({@code $XDG_DATA_HOME/systemd/user}), the user manager's analogue
     * of {@code /usr/lib/systemd/system}: below the runtime directory ({@code
     * $XDG_RUNTIME_DIR/systemd/user}) in priority, so a runtime mask overrides units placed here but
     * not units in {@link #unitDir()} (the analogue of {@code /etc/systemd/system}).
     */
    public Path vendorUnitDir() {
        return root.resolve("data").resolve("systemd").resolve("user");
    }

    /**
     * Writes a unit file into {@link #unitDir()} (call {@link #daemonReload()} for an already
     * loaded name).
     *
     * @throws IllegalArgumentException when the name is not a plain unit file name
     */
    public Path writeUnit(String name, String text) {
        return writeUnitInto(unitDir(), "writeUnit", name, text);
    }

    /** Writes a unit file into {@link #vendorUnitDir()}. */
    public Path writeVendorUnit(String name, String text) {
        return writeUnitInto(vendorUnitDir(), "writeVendorUnit", name, text);
    }

    private Path writeUnitInto(Path dir, String method, String name, String text) {
        Objects.requireNonNull(text, "text");
        if (name == null || !UNIT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("SystemdSandbox." + method + ": not a unit file name: '" + name + "'");
        }
        Path file = dir.resolve(name);
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("SystemdSandbox." + method + ": cannot write " + file, e);
        }
        return file;
    }

    /** Deletes a unit file from {@link #unitDir()} (call {@link #daemonReload()} afterwards). */
    public void removeUnit(String name) {
        if (!UNIT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("SystemdSandbox.removeUnit: not a unit file name: '" + name + "'");
        }
        try {
            Files.deleteIfExists(unitDir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code systemctl --user ARGS} against this manager; arguments are passed as argv entries.
     * Does not throw on a non-zero exit: see {@link CommandResult#orThrow()}.
     */
    public CommandResult systemctl(String... args) {
        List<String> command = new ArrayList<>(List.of("systemctl", "--user", "--no-pager", "--no-ask-password"));
        command.addAll(List.of(args));
        return run(command);
    }

    /** Runs {@code systemctl --user daemon-reload} and throws when it fails. */
    public void daemonReload() {
        systemctl("daemon-reload").orThrow();
    }

    /** The value of one unit property ({@code systemctl --user show -p NAME --value UNIT}). */
    public String property(String unit, String name) {
        return systemctl("show", "-p", name, "--value", unit).orThrow().stdout().strip();
    }

    /** The main PID of the session bus's dbus-daemon, or 0 when it is not running. */
    public long dbusDaemonPid() {
        return Long.parseLong(property("dbus.service", "MainPID"));
    }

    private CommandResult run(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("XDG_RUNTIME_DIR", runtimeDir.toString());
        builder.environment().put("DBUS_SESSION_BUS_ADDRESS", busAddress());
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new SandboxException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
        try {
            process.getOutputStream().close();
            // Drain stderr concurrently so a chatty command cannot block on a full pipe.
            var stderrFuture =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            byte[] stdoutBytes = process.getInputStream().readAllBytes();
            if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new SandboxException(command + " did not finish within " + COMMAND_TIMEOUT);
            }
            return new CommandResult(
                    command, process.exitValue(), new String(stdoutBytes, StandardCharsets.UTF_8), stderrFuture.join());
        } catch (IOException e) {
            process.destroyForcibly();
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while running " + command, e);
        }
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(stderr unreadable: " + e.getMessage() + ")";
        }
    }

    /** The last lines of the manager's own log (stdout/stderr), for error messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * Stops the manager (SIGTERM, then SIGKILL after 10 s), then every descendant process still
     * alive, by PID, and deletes the sandbox's directories. Idempotent.
     */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        List<ProcessHandle> descendants = manager.descendants().toList();
        stop(manager.toHandle(), Duration.ofSeconds(10));
        for (ProcessHandle child : descendants) {
            if (child.isAlive()) {
                stop(child, Duration.ofSeconds(2));
            }
        }
        removeOwnControlGroups(manager.pid());
        deleteTree(root);
    }

    /** The hierarchies start-user-manager.sh gives the manager a control group of its own in. */
    private static final List<Path> CGROUP_HIERARCHIES =
            List.of(Path.of("/sys/fs/cgroup/unified"), Path.of("/sys/fs/cgroup/systemd"), Path.of("/sys/fs/cgroup"));

    /**
     * Kills what is left in the manager's own control group (a process that escaped the process
     * tree) and removes the group, innermost first (rmdir; a group's files go with it).
     */
    private static void removeOwnControlGroups(long managerPid) {
        for (Path hierarchy : CGROUP_HIERARCHIES) {
            Path group = hierarchy.resolve("recoverymanager-sandbox-" + managerPid);
            if (!Files.isDirectory(group)) {
                continue;
            }
            try {
                Path kill = group.resolve("cgroup.kill");
                if (Files.exists(kill)) {
                    Files.writeString(kill, "1");
                }
                List<Path> groups;
                try (Stream<Path> paths = Files.walk(group)) {
                    groups = paths.filter(Files::isDirectory)
                            .sorted(Comparator.reverseOrder())
                            .toList();
                }
                for (Path g : groups) {
                    awaitEmptyAndRemove(g);
                }
            } catch (IOException | UncheckedIOException e) {
                // Best effort: an empty group left behind costs nothing but a directory.
            }
        }
    }

    private static void awaitEmptyAndRemove(Path group) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try {
                Files.deleteIfExists(group);
                return;
            } catch (IOException busy) {
                if (System.nanoTime() > deadline) {
                    throw busy;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
    }

    private static void stop(ProcessHandle process, Duration grace) {
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            try {
                process.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // Nothing more can be done than SIGKILL.
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            process.destroyForcibly();
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // Best effort: a socket still held open is removed with the temp dir later.
                }
            });
        } catch (IOException ignored) {
            // Best effort.
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while waiting for the user manager", e);
        }
    }

    /**
     * The outcome of one command run against the sandbox.
     *
     * @param command the argv that ran
     * @param exitCode its exit status
     * @param stdout its standard output
     * @param stderr its standard error
     *     <p>Thread-safety: immutable.
     */
    public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {
        public CommandResult {
            command = List.copyOf(command);
        }

        /** Returns this result, or throws naming the command and its stderr when it failed. */
        public CommandResult orThrow() {
            if (exitCode != 0) {
                throw new SandboxException(command + " exited with " + exitCode + ": " + stderr.strip());
            }
            return this;
        }
    }

    /**
     * The sandbox could not start or a command against it failed; the message says why.
     *
     * <p>Thread-safety: immutable after construction.
     */
    public static final class SandboxException extends RuntimeException {
        SandboxException(String message) {
            super(message);
        }

        SandboxException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
