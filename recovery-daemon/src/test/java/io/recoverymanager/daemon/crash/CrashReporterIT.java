package io.recoverymanager.daemon.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.daemon.Daemon;
import io.recoverymanager.daemon.config.ConfigLoader;
import io.recoverymanager.daemon.config.DaemonConfig;
import io.recoverymanager.daemon.it.PackagedDaemon;
import io.recoverymanager.systemd.crash.CrashReporterListener;
import io.recoverymanager.testkit.RecordingListener;
import io.recoverymanager.testkit.sandbox.SystemdSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash reports over a real bus (the sandbox's): only the current owner of the configured name,
 * running as an allowed user, with well-formed names, makes a process friend act on a real
 * service. Signals from other connections ({@code busctl emit}, an impostor that forges {@code
 * NameOwnerChanged}, a former owner) and malformed ones are dropped with a warning naming the
 * sender.
 */
class CrashReporterIT {
    private static final String NAME = "org.example.CrashReporter";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private final Logger julLogger = Logger.getLogger(CrashReporterListener.class.getName());
    private final List<String> warnings = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                synchronized (warnings) {
                    warnings.add(String.valueOf(record.getMessage()));
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureWarnings() {
        julLogger.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        julLogger.removeHandler(capture);
    }

    @Test
    void onlyTheCurrentOwnersWellFormedReportsMakeTheFriendRestartItsService() throws Exception {
        RecordingListener events = new RecordingListener();
        try (SystemdSandbox sandbox = SystemdSandbox.start()) {
            startWatcher(sandbox);
            String before = sandbox.property("watcher.service", "InvocationID");
            DaemonConfig config = config(sandbox, "[0]");
            try (Daemon daemon = Daemon.start(config, Daemon.Environment.embedded("host", events));
                    CrashReporterPeer reporter = CrashReporterPeer.connect(sandbox.busAddress());
                    CrashReporterPeer impostor = CrashReporterPeer.connect(sandbox.busAddress())) {
                // Nobody owns the name yet: even the future reporter is not heard.
                reporter.emit("evild", "");
                awaitWarning(reporter.uniqueName() + " dropped: not the owner of " + NAME);

                // The name is taken after the daemon started: the listener follows NameOwnerChanged.
                reporter.own(NAME);

                // busctl emit: a connection of its own that does not own the name.
                Process emit = CrashReporterPeer.emitWithBusctl(sandbox.busAddress(), "evild", "");
                assertThat(emit.waitFor(90, TimeUnit.SECONDS)).isTrue();
                assertThat(emit.exitValue()).isZero();
                awaitWarningCount(2, "dropped: not the owner of " + NAME);

                // An impostor claims the name with a forged NameOwnerChanged, then reports.
                impostor.forgeOwnerChange(NAME);
                impostor.emit("evild", "");
                awaitWarning(impostor.uniqueName() + " dropped: not the owner of " + NAME);

                // The owner itself, with names that are not names.
                reporter.emit("bad name", "");
                reporter.emit("x".repeat(256), "");
                reporter.emit("evild\nforged log line", "");
                reporter.emit("evild", "../etc");
                awaitWarning("'../etc' is not a context name");
                awaitWarningCount(4, reporter.uniqueName() + " dropped: '");
                assertThat(warningsContaining("forged log line"))
                        .allSatisfy(w -> assertThat(w).doesNotContain("\n"));

                // The owner with a good report: the friend acts, and only for it.
                reporter.emit("telemetryd", "");
                await(
                        () -> !events.events(RecoveryEvent.FriendActionIssued.class)
                                .isEmpty(),
                        "the friend of telemetryd acted");
                await(
                        () -> !sandbox.property("watcher.service", "InvocationID")
                                .equals(before),
                        "watcher.service restarted");
                daemon.drain();
                assertThat(events.events(RecoveryEvent.FriendActionIssued.class))
                        .singleElement()
                        .satisfies(e -> {
                            assertThat(e.friend()).isEqualTo("telemetryd");
                            assertThat(e.friendContext()).isEqualTo("host");
                            assertThat(e.service()).isEqualTo("watcher.service");
                        });

                // The name passes to another connection: the former owner is no longer heard.
                reporter.release(NAME);
                impostor.own(NAME);
                reporter.emit("evild", "");
                awaitWarningCount(2, reporter.uniqueName() + " dropped: not the owner of " + NAME);
                impostor.emit("telemetryd", "host");
                await(
                        () -> events.events(RecoveryEvent.FriendActionIssued.class)
                                        .size()
                                == 2,
                        "the new owner's report was heard");
                daemon.drain();
                assertThat(events.events(RecoveryEvent.FriendActionIssued.class))
                        .extracting(RecoveryEvent.FriendActionIssued::friend)
                        .containsExactly("telemetryd", "telemetryd");
            }
        }
    }

    @Test
    void anOwnerRunningAsAUserNotAllowedIsRefused() throws Exception {
        RecordingListener events = new RecordingListener();
        try (SystemdSandbox sandbox = SystemdSandbox.start()) {
            startWatcher(sandbox);
            try (CrashReporterPeer reporter =
                            CrashReporterPeer.connect(sandbox.busAddress()).own(NAME);
                    Daemon daemon =
                            Daemon.start(config(sandbox, "[4242]"), Daemon.Environment.embedded("host", events))) {
                reporter.emit("telemetryd", "");
                awaitWarning(reporter.uniqueName() + " dropped: the owner of " + NAME
                        + " runs as uid 0, not in crash-reporter.allowed-uids");
                daemon.drain();
                assertThat(events.events(RecoveryEvent.FriendActionIssued.class))
                        .isEmpty();
            }
        }
    }

    private void startWatcher(SystemdSandbox sandbox) throws Exception {
        sandbox.writeVendorUnit("watcher.service", "[Service]\nExecStart=/bin/sleep infinity\n");
        sandbox.daemonReload();
        sandbox.systemctl("start", "watcher.service").orThrow();
        Path units = Files.createDirectories(tmp.resolve("units"));
        Files.writeString(
                units.resolve("watcher.toml"),
                """
                service = "watcher.service"
                relax-time = "60s"
                [[action]]
                type = "restart-service"
                [[friend]]
                type = "process"
                name = "telemetryd"
                action = "restart"
                [[friend]]
                type = "process"
                name = "evild"
                action = "restart"
                """);
    }

    private DaemonConfig config(SystemdSandbox sandbox, String allowedUids) throws Exception {
        return new ConfigLoader()
                .parse(
                        "crash.toml",
                        """
                        run-mode = "master"
                        context = "host"
                        units-dir = "%s"
                        state-dir = "%s"
                        runtime-dir = "%s"
                        bus = "%s"
                        integrity-check-delay = "1h"
                        [ipc]
                        socket = "%s"
                        [crash-reporter]
                        bus = "%s"
                        interface = "org.example.CrashReporter"
                        member = "ProcessCrashed"
                        sender = "%s"
                        allowed-uids = %s
                        """
                                .formatted(
                                        tmp.resolve("units"),
                                        tmp.resolve("state"),
                                        tmp.resolve("run"),
                                        sandbox.busAddress(),
                                        tmp.resolve("run/rmgr.sock"),
                                        sandbox.busAddress(),
                                        NAME,
                                        allowedUids));
    }

    private List<String> warningsContaining(String text) {
        synchronized (warnings) {
            return warnings.stream().filter(w -> w.contains(text)).toList();
        }
    }

    private void awaitWarning(String text) {
        awaitWarningCount(1, text);
    }

    private void awaitWarningCount(int count, String text) {
        await(() -> warningsContaining(text).size() >= count, count + " warning(s) containing: " + text);
    }

    private void await(BooleanSupplier condition, String what) {
        PackagedDaemon.awaitCondition(condition, WAIT, what, () -> {
            synchronized (warnings) {
                return "\nwarnings: " + warnings;
            }
        });
    }
}
