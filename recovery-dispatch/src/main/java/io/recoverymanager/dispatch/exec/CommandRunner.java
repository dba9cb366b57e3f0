package io.recoverymanager.dispatch.exec;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Runs an argv with {@link ProcessBuilder} (never a shell), stdin from {@code /dev/null}, stdout and
 * stderr merged, with a timeout after which the process and its descendants are killed. The command
 * gets a small fixed environment, {@link #ENVIRONMENT}, and nothing of the daemon's own; a command
 * name without {@code /} is looked up on that fixed {@code PATH}, not the daemon's. At most
 * {@code maxOutputBytes} of output are kept; the rest is drained and dropped so the process never
 * blocks on a full pipe.
 *
 * <p>Thread-safety: stateless apart from its settings; {@link #run} blocks the calling thread and
 * may be called from several threads at once.
 */
public final class CommandRunner {
    /** The search path commands get, and the one a command name without {@code /} is looked up on. */
    public static final String PATH = "/usr/sbin:/usr/bin:/sbin:/bin";

    /** The whole environment of every command. */
    public static final Map<String, String> ENVIRONMENT = Map.of("PATH", PATH, "LANG", "C");

    private final Duration timeout;
    private final int maxOutputBytes;

    public CommandRunner(Duration timeout, int maxOutputBytes) {
        this.timeout = timeout;
        this.maxOutputBytes = maxOutputBytes;
    }

    /** Runs the command to completion or timeout; never throws for a command that fails. */
    public CommandResult run(List<String> argv) throws InterruptedException {
        if (argv.isEmpty()) {
            return new CommandResult(argv, OptionalInt.empty(), false, "", false, "empty command");
        }
        Optional<String> executable = executable(argv.get(0));
        if (executable.isEmpty()) {
            return new CommandResult(
                    argv, OptionalInt.empty(), false, "", false, argv.get(0) + ": not found on PATH=" + PATH);
        }
        List<String> resolved = new ArrayList<>(argv);
        resolved.set(0, executable.get());
        ProcessBuilder pb = new ProcessBuilder(resolved)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(ENVIRONMENT);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            return new CommandResult(argv, OptionalInt.empty(), false, "", false, String.valueOf(e.getMessage()));
        }
        BoundedCollector collector = new BoundedCollector(process.getInputStream(), maxOutputBytes);
        Thread drain = new Thread(null, collector, "rmgr-cmd-output " + process.pid(), 128 * 1024);
        drain.setDaemon(true);
        drain.start();
        boolean finished = false;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
        // The pipe closes when the process and every descendant holding it exit; do not wait forever.
        drain.join(TimeUnit.SECONDS.toMillis(2));
        OptionalInt exit = finished ? OptionalInt.of(process.exitValue()) : OptionalInt.empty();
        return new CommandResult(argv, exit, !finished, collector.text(), collector.truncated(), "");
    }

    /**
     * The program to execute: a name with {@code /} as it is, a bare name looked up on {@link #PATH}
     * (the JDK would otherwise search the daemon's own {@code PATH}).
     */
    static Optional<String> executable(String command) {
        if (command.contains("/")) {
            return Optional.of(command);
        }
        for (String dir : PATH.split(":")) {
            Path candidate = Path.of(dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    /** Keeps the first bytes of a stream and discards the rest. */
    private static final class BoundedCollector implements Runnable {
        private final InputStream in;
        private final int max;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private boolean truncated;

        BoundedCollector(InputStream in, int max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public void run() {
            byte[] buf = new byte[4096];
            try (in) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    synchronized (this) {
                        int room = max - kept.size();
                        if (room > 0) {
                            kept.write(buf, 0, Math.min(room, n));
                        }
                        if (n > room) {
                            truncated = true;
                        }
                    }
                }
            } catch (IOException e) {
                // the process went away; keep what we have
            }
        }

        synchronized String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }

        synchronized boolean truncated() {
            return truncated;
        }
    }
}
