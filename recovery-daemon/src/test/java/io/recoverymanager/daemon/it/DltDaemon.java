package io.recoverymanager.daemon.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private COVESA {@code dlt-daemon} for tests, and a {@code dlt-receive -a} reading from it: the
 * daemon's FIFO and user pipes live in its own directory ({@code -t}, announced to applications by
 * {@code DLT_PIPE_DIR}), its control socket and runtime files there too (own {@code dlt.conf}), and
 * it serves clients on a free TCP port. dlt-receive runs under {@code stdbuf -oL} (it execs, so the
 * PID stays dlt-receive's) because it buffers stdout fully when that is a file. {@link #close}
 * stops both processes by PID.
 *
 * <p>Thread-safety: not thread-safe; one test thread.
 */
final class DltDaemon implements AutoCloseable {
    /** One line of {@code dlt-receive -a}: ECU, application, context, level, argument count, payload. */
    record Message(String ecu, String app, String context, String level, int args, String payload) {}

    private static final Pattern LINE =
            Pattern.compile("^\\S+ \\S+ +\\d+ +\\d+ (\\S+) (\\S+) (\\S+) log (\\S+) V (\\d+) \\[(.*)]\\s*$");

    private final Path dir;
    private final int port;
    private final Process daemon;
    private Process receiver;

    private DltDaemon(Path dir, int port, Process daemon) {
        this.dir = dir;
        this.port = port;
        this.daemon = daemon;
    }

    /** Starts dlt-daemon in {@code dir} and a receiver; waits until the receiver is connected. */
    static DltDaemon start(Path dir) throws IOException {
        Files.createDirectories(dir);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path conf = dir.resolve("dlt.conf");
        Files.writeString(
                conf,
                String.join(
                        "\n",
                        "ECUId = TEST",
                        "SharedMemorySize = 100000",
                        "LoggingMode = 0",
                        "LoggingLevel = 6",
                        "LoggingFilename = " + dir.resolve("dlt-internal.log"),
                        "ControlSocketPath = " + dir.resolve("dlt-ctrl.sock"),
                        "PersistanceStoragePath = " + dir,
                        "UDPConnectionSetup = 0",
                        "ContextLogLevel = 4",
                        ""));
        Process process = new ProcessBuilder(
                        "dlt-daemon", "-c", conf.toString(), "-t", dir.toString(), "-p", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("dlt-daemon.out").toFile())
                .start();
        DltDaemon dlt = new DltDaemon(dir, port, process);
        try {
            dlt.await(dlt::listening, "dlt-daemon listening on port " + port + " with its FIFO");
            dlt.receiver = new ProcessBuilder(
                            "stdbuf", "-oL", "dlt-receive", "-a", "-p", Integer.toString(port), "127.0.0.1")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("dlt-receive.out").toFile())
                    .start();
            dlt.await(() -> dlt.output().contains("DLTD"), "dlt-receive connected");
            return dlt;
        } catch (RuntimeException | Error e) { // AssertionError from await included
            dlt.close();
            throw e;
        }
    }

    /** The directory to pass as {@code DLT_PIPE_DIR}. */
    Path pipeDir() {
        return dir;
    }

    /** Everything dlt-receive printed. */
    String output() {
        try {
            Path out = dir.resolve("dlt-receive.out");
            return Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** The messages received so far. */
    List<Message> messages() {
        List<Message> messages = new ArrayList<>();
        for (String line : output().split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                messages.add(new Message(
                        m.group(1), m.group(2), m.group(3), m.group(4), Integer.parseInt(m.group(5)), m.group(6)));
            }
        }
        return messages;
    }

    /** Waits (up to {@link PackagedDaemon#WAIT}) for a message that matches, and returns it. */
    Message awaitMessage(Predicate<Message> matches, String what) {
        await(() -> messages().stream().anyMatch(matches), what);
        return messages().stream().filter(matches).findFirst().orElseThrow();
    }

    /** The first message that matches, if any. */
    Optional<Message> find(Predicate<Message> matches) {
        return messages().stream().filter(matches).findFirst();
    }

    private boolean listening() {
        if (!Files.exists(dir.resolve("dlt"))) {
            return false;
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void await(java.util.function.BooleanSupplier condition, String what) {
        Duration timeout = PackagedDaemon.WAIT;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what + "\ndlt-receive:\n"
                        + output() + "\ndlt-daemon:\n" + daemonOutput());
            }
            if (!daemon.isAlive()) {
                throw new AssertionError("dlt-daemon exited with " + daemon.exitValue() + " while waiting for: " + what
                        + "\n" + daemonOutput());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    private String daemonOutput() {
        try {
            return Files.readString(dir.resolve("dlt-daemon.out"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Stops dlt-receive and dlt-daemon by PID (SIGTERM, then SIGKILL). */
    @Override
    public void close() {
        for (Process p : new Process[] {receiver, daemon}) {
            if (p == null) {
                continue;
            }
            try {
                p.destroy();
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
