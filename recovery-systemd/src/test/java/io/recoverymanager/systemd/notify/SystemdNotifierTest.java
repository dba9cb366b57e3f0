package io.recoverymanager.systemd.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.testkit.socket.DatagramReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemdNotifierTest {
    private static final long PID = 4242;

    @TempDir
    Path tmp;

    @Test
    void sendsEveryMessageAsOneDatagramToAPathSocket() {
        String path = tmp.resolve("notify.sock").toString();
        try (DatagramReceiver systemd = new DatagramReceiver(path, 5_000);
                SystemdNotifier notifier = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", path), PID)) {
            assertThat(notifier.enabled()).isTrue();
            assertThat(notifier.ready()).isTrue();
            assertThat(systemd.receive()).contains("READY=1");
            assertThat(notifier.status("3 units, 1 escalated\nsecond line")).isTrue();
            assertThat(systemd.receive()).contains("STATUS=3 units, 1 escalated second line");
            assertThat(notifier.watchdog()).isTrue();
            assertThat(systemd.receive()).contains("WATCHDOG=1");
            assertThat(notifier.reloading()).isTrue();
            assertThat(systemd.receive())
                    .hasValueSatisfying(m -> assertThat(m).matches("RELOADING=1\nMONOTONIC_USEC=\\d+"));
            assertThat(notifier.ready("running")).isTrue();
            assertThat(systemd.receive()).contains("READY=1\nSTATUS=running");
            assertThat(notifier.stopping()).isTrue();
            assertThat(systemd.receive()).contains("STOPPING=1");
        }
    }

    @Test
    void sendsToAnAbstractSocket() {
        String name = "@rmgr-test-" + UUID.randomUUID();
        try (DatagramReceiver systemd = new DatagramReceiver(name, 5_000);
                SystemdNotifier notifier = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", name), PID)) {
            assertThat(notifier.ready()).isTrue();
            assertThat(systemd.receive()).contains("READY=1");
        }
    }

    @Test
    void monotonicTimestampOfReloadIsTheSystemsMonotonicClock() {
        String path = tmp.resolve("n.sock").toString();
        try (DatagramReceiver systemd = new DatagramReceiver(path, 5_000);
                SystemdNotifier notifier = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", path), PID)) {
            long before = System.nanoTime() / 1000;
            notifier.reloading();
            long after = System.nanoTime() / 1000;
            long sent = Long.parseLong(systemd.receive().orElseThrow().replaceAll("(?s).*MONOTONIC_USEC=", ""));
            // HotSpot's nanoTime is CLOCK_MONOTONIC on Linux
            assertThat(sent).isBetween(before, after);
        }
    }

    @Test
    void withoutNotifySocketNothingIsSent() {
        try (SystemdNotifier notifier = SystemdNotifier.fromEnvironment(Map.of(), PID)) {
            assertThat(notifier.enabled()).isFalse();
            assertThat(notifier.ready()).isFalse();
            assertThat(notifier.watchdog()).isFalse();
            assertThat(notifier.watchdogInterval()).isEmpty();
        }
        assertThat(SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", ""), PID)
                        .enabled())
                .isFalse();
        assertThat(SystemdNotifier.disabled().stopping()).isFalse();
    }

    @Test
    void aSocketNobodyListensOnFailsWithoutThrowing() {
        String path = tmp.resolve("nobody.sock").toString();
        try (SystemdNotifier notifier = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", path), PID)) {
            assertThat(notifier.ready()).isFalse();
            assertThat(notifier.watchdog()).isFalse();
        }
    }

    @Test
    void anAddressTooLongForSunPathFailsWithoutThrowing() {
        String path = "/" + "x".repeat(120);
        try (SystemdNotifier notifier = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", path), PID)) {
            assertThat(notifier.ready()).isFalse();
        }
    }

    @Test
    void closedNotifierSendsNothing() {
        String path = tmp.resolve("c.sock").toString();
        try (DatagramReceiver systemd = new DatagramReceiver(path, 200)) {
            SystemdNotifier notifier = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", path), PID);
            notifier.close();
            assertThat(notifier.ready()).isFalse();
            assertThat(systemd.receive()).isEmpty();
        }
    }

    @Test
    void watchdogIntervalIsHalfOfWatchdogUsecForThisProcess() {
        assertThat(SystemdNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "20000000"), PID))
                .contains(Duration.ofSeconds(10));
        assertThat(SystemdNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "3000", "WATCHDOG_PID", "4242"), PID))
                .contains(Duration.ofNanos(1_500_000));
        assertThat(SystemdNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "20000000", "WATCHDOG_PID", "1"), PID))
                .isEmpty();
        assertThat(SystemdNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "0"), PID))
                .isEmpty();
        assertThat(SystemdNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "soon"), PID))
                .isEmpty();
        assertThat(SystemdNotifier.watchdogInterval(Map.of(), PID)).isEmpty();
        assertThat(SystemdNotifier.fromEnvironment(Map.of("WATCHDOG_USEC", "8000000"), PID)
                        .watchdogInterval())
                .isEqualTo(Optional.of(Duration.ofSeconds(4)));
    }
}
