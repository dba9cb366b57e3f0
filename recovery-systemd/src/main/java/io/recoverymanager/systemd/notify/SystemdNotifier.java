package io.recoverymanager.systemd.notify;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends sd_notify(3) messages to systemd: {@code READY=1}, {@code STATUS=…}, {@code WATCHDOG=1},
 * {@code RELOADING=1}, {@code STOPPING=1}. The socket is {@code $NOTIFY_SOCKET}, a file-system path
 * or an abstract name starting with '@'; messages are datagrams on an AF_UNIX socket, written
 * directly (no {@code systemd-notify} process). Without {@code $NOTIFY_SOCKET} (not started by
 * systemd, or not {@code Type=notify}) every call does nothing.
 *
 * <p>A failed send is logged and reported as {@code false}; it never throws, so a notification
 * problem cannot take the daemon down.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class SystemdNotifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SystemdNotifier.class);

    private final Optional<String> socketAddress;
    private final Optional<Duration> watchdogInterval;
    private int fd = -1;
    private boolean closed;
    private boolean warned;

    private SystemdNotifier(Optional<String> socketAddress, Optional<Duration> watchdogInterval) {
        this.socketAddress = socketAddress;
        this.watchdogInterval = watchdogInterval;
    }

    /** A notifier configured from this process's environment. */
    public static SystemdNotifier fromEnvironment() {
        return fromEnvironment(System.getenv(), ProcessHandle.current().pid());
    }

    /**
     * A notifier configured from the given environment.
     *
     * @param env the variables {@code NOTIFY_SOCKET}, {@code WATCHDOG_USEC} and {@code WATCHDOG_PID}
     * @param ownPid this process's id, compared with {@code WATCHDOG_PID}
     */
    public static SystemdNotifier fromEnvironment(Map<String, String> env, long ownPid) {
        Optional<String> socket = Optional.ofNullable(env.get("NOTIFY_SOCKET")).filter(s -> !s.isEmpty());
        return new SystemdNotifier(socket, watchdogInterval(env, ownPid));
    }

    /** A notifier that sends nothing. */
    public static SystemdNotifier disabled() {
        return new SystemdNotifier(Optional.empty(), Optional.empty());
    }

    /**
     * Half of {@code WATCHDOG_USEC}, when the watchdog is enabled for this process ({@code
     * WATCHDOG_PID} unset or equal to ours); empty otherwise or when the values are malformed.
     */
    static Optional<Duration> watchdogInterval(Map<String, String> env, long ownPid) {
        String usec = env.get("WATCHDOG_USEC");
        if (usec == null || usec.isEmpty()) {
            return Optional.empty();
        }
        String pid = env.get("WATCHDOG_PID");
        try {
            if (pid != null && !pid.isEmpty() && Long.parseLong(pid.strip()) != ownPid) {
                return Optional.empty();
            }
            long micros = Long.parseLong(usec.strip());
            if (micros <= 0) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos(micros * 1000L / 2));
        } catch (NumberFormatException e) {
            LOG.warn("ignoring malformed WATCHDOG_USEC={} / WATCHDOG_PID={}", usec, pid);
            return Optional.empty();
        }
    }

    /** Whether messages are sent ({@code $NOTIFY_SOCKET} is set). */
    public boolean enabled() {
        return socketAddress.isPresent();
    }

    /** How often to send {@link #watchdog()}: half of {@code WATCHDOG_USEC}, if the watchdog is on. */
    public Optional<Duration> watchdogInterval() {
        return watchdogInterval;
    }

    /** Startup finished. */
    public boolean ready() {
        return send("READY=1");
    }

    /** A one-line status shown by {@code systemctl status}; newlines become spaces. */
    public boolean status(String status) {
        return send("STATUS=" + status.replaceAll("[\\r\\n]+", " "));
    }

    /** Startup finished, with a status line, in one message. */
    public boolean ready(String status) {
        return send("READY=1\nSTATUS=" + status.replaceAll("[\\r\\n]+", " "));
    }

    /** Keep-alive ping for {@code WatchdogSec=}. */
    public boolean watchdog() {
        return send("WATCHDOG=1");
    }

    /** A reload began; send {@link #ready()} when it finished. */
    public boolean reloading() {
        return send("RELOADING=1\nMONOTONIC_USEC=" + monotonicMicros());
    }

    /** Shutdown began. */
    public boolean stopping() {
        return send("STOPPING=1");
    }

    /**
     * Sends one message of newline-separated {@code KEY=value} assignments.
     *
     * @return whether it was sent; false when disabled, closed, or the send failed (logged)
     */
    public synchronized boolean send(String message) {
        Objects.requireNonNull(message, "message");
        if (socketAddress.isEmpty() || closed) {
            return false;
        }
        try {
            LibC.SocketAddressBytes address = LibC.sockaddr(socketAddress.get());
            if (fd < 0) {
                fd = LibC.INSTANCE.socket(LibC.AF_UNIX, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
            }
            byte[] payload = message.getBytes(StandardCharsets.UTF_8);
            LibC.INSTANCE.sendto(
                    fd, payload, new NativeLong(payload.length), LibC.MSG_NOSIGNAL, address.bytes(), address.length());
            warned = false;
            return true;
        } catch (LastErrorException | IllegalArgumentException e) {
            if (!warned) {
                LOG.warn("sd_notify to {} failed: {}", socketAddress.get(), e.getMessage());
                warned = true;
            }
            return false;
        } catch (LinkageError e) {
            // JNA's native part could not be loaded (e.g. its temporary directory is noexec)
            if (!warned) {
                LOG.error("sd_notify unavailable: cannot load the native socket calls: {}", e.toString());
                warned = true;
            }
            return false;
        }
    }

    private static long monotonicMicros() {
        try {
            long[] timespec = new long[2];
            LibC.INSTANCE.clock_gettime(LibC.CLOCK_MONOTONIC, timespec);
            return timespec[0] * 1_000_000L + timespec[1] / 1_000L;
        } catch (LastErrorException | LinkageError e) {
            // HotSpot's nanoTime reads CLOCK_MONOTONIC on Linux
            return System.nanoTime() / 1_000L;
        }
    }

    /** Closes the socket; later sends do nothing. */
    @Override
    public synchronized void close() {
        closed = true;
        if (fd >= 0) {
            LibC.INSTANCE.close(fd);
            fd = -1;
        }
    }
}
