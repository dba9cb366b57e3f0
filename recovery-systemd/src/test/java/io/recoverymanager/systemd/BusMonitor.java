package io.recoverymanager.systemd;

import io.recoverymanager.testkit.contract.Await;
import io.recoverymanager.testkit.sandbox.SystemdSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code dbus-monitor} on a sandbox's bus, listening to the method calls of systemd's Manager
 * interface: what the adapter really sent, as the bus saw it. Stopped by its PID on close.
 */
final class BusMonitor implements AutoCloseable {
    private static final String MANAGER = "org.freedesktop.systemd1.Manager";
    private static final Pattern CALL = Pattern.compile("member=(\\w+)\\R\\s+string \"([^\"]*)\"");

    private final Process process;
    private final Path output;

    private BusMonitor(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts the monitor and waits until it sees calls (a probe call shows up in its output). */
    static BusMonitor start(SystemdSandbox sandbox) {
        try {
            Path output = Files.createTempFile(sandbox.scratchDir(), "dbus-monitor", ".txt");
            Process process = new ProcessBuilder(
                            "dbus-monitor",
                            "--address",
                            sandbox.busAddress(),
                            "type='method_call',interface='" + MANAGER + "'")
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            BusMonitor monitor = new BusMonitor(process, output);
            try {
                Await.until(
                        () -> {
                            probe(sandbox);
                            return monitor.calls();
                        },
                        calls -> calls.contains("GetUnit monitor-probe.service"),
                        Duration.ofSeconds(10),
                        "dbus-monitor listening");
            } catch (RuntimeException | Error e) {
                monitor.close();
                throw e;
            }
            return monitor;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void probe(SystemdSandbox sandbox) {
        try {
            new ProcessBuilder(
                            "dbus-send",
                            "--address=" + sandbox.busAddress(),
                            "--print-reply",
                            "--dest=org.freedesktop.systemd1",
                            "/org/freedesktop/systemd1",
                            MANAGER + ".GetUnit",
                            "string:monitor-probe.service")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The Manager calls seen so far, as {@code "Member first-string-argument"}. */
    List<String> calls() {
        try {
            List<String> calls = new ArrayList<>();
            Matcher m = CALL.matcher(Files.readString(output));
            while (m.find()) {
                calls.add(m.group(1) + " " + m.group(2));
            }
            return calls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
