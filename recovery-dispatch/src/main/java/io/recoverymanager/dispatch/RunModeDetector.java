package io.recoverymanager.dispatch;

import io.recoverymanager.dispatch.slave.SlaveLink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Decides the run mode for {@code auto}: slave inside a container (systemd's own signals: {@code
 * /run/systemd/container}, {@code container=} in PID 1's environment, {@code /.dockerenv}, {@code
 * /run/.containerenv}) or when a master answers on the socket; master otherwise. Returns the reason
 * with the mode, for the log and {@code status}.
 *
 * <p>The file locations are injectable so tests can point them at a temporary directory.
 *
 * <p>Thread-safety: immutable.
 */
public final class RunModeDetector {

    /**
     * The decision.
     *
     * @param mode {@link RunMode#MASTER} or {@link RunMode#SLAVE}, never AUTO
     * @param reason why, in words
     */
    public record Decision(RunMode mode, String reason) {
        public Decision {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(reason, "reason");
            if (mode == RunMode.AUTO) {
                throw new IllegalArgumentException("a decision is master or slave");
            }
        }
    }

    /**
     * Where to look.
     *
     * @param systemdContainer {@code /run/systemd/container}
     * @param pid1Environ {@code /proc/1/environ}
     * @param dockerEnv {@code /.dockerenv}
     * @param containerEnv {@code /run/.containerenv}
     */
    public record Signals(Path systemdContainer, Path pid1Environ, Path dockerEnv, Path containerEnv) {
        /** The real locations. */
        public static Signals system() {
            return new Signals(
                    Path.of("/run/systemd/container"),
                    Path.of("/proc/1/environ"),
                    Path.of("/.dockerenv"),
                    Path.of("/run/.containerenv"));
        }

        /** The same names under another root (for tests). */
        public static Signals under(Path root) {
            return new Signals(
                    root.resolve("run/systemd/container"),
                    root.resolve("proc/1/environ"),
                    root.resolve(".dockerenv"),
                    root.resolve("run/.containerenv"));
        }
    }

    private final Signals signals;
    private final Predicate<Path> masterAnswers;

    /** A detector over the real locations, probing the socket for a master. */
    public RunModeDetector() {
        this(Signals.system(), SlaveLink::masterAnswers);
    }

    public RunModeDetector(Signals signals, Predicate<Path> masterAnswers) {
        this.signals = Objects.requireNonNull(signals, "signals");
        this.masterAnswers = Objects.requireNonNull(masterAnswers, "masterAnswers");
    }

    /** The decision for a configured mode; only AUTO looks at anything. */
    public Decision decide(RunMode configured, Path socket) {
        if (configured == RunMode.MASTER) {
            return new Decision(RunMode.MASTER, "configured as master");
        }
        if (configured == RunMode.SLAVE) {
            return new Decision(RunMode.SLAVE, "configured as slave");
        }
        String container = containerSignal();
        if (container != null) {
            return new Decision(RunMode.SLAVE, "auto: running in a container (" + container + ")");
        }
        if (masterAnswers.test(socket)) {
            return new Decision(RunMode.SLAVE, "auto: a master answers on " + socket);
        }
        return new Decision(RunMode.MASTER, "auto: not in a container and no master answers on " + socket);
    }

    /** The first container signal found, described, or null. */
    private String containerSignal() {
        String systemd = read(signals.systemdContainer());
        if (systemd != null && !systemd.isBlank()) {
            return signals.systemdContainer() + " says " + systemd.strip();
        }
        String environ = read(signals.pid1Environ());
        if (environ != null) {
            for (String entry : environ.split("\u0000")) {
                if (entry.startsWith("container=") && entry.length() > "container=".length()) {
                    return "PID 1 has " + entry;
                }
            }
        }
        if (Files.exists(signals.dockerEnv())) {
            return signals.dockerEnv() + " exists";
        }
        if (Files.exists(signals.containerEnv())) {
            return signals.containerEnv() + " exists";
        }
        return null;
    }

    private static String read(Path p) {
        try {
            if (!Files.isRegularFile(p) || Files.size(p) > 1 << 20) {
                return null;
            }
            return Files.readString(p, StandardCharsets.ISO_8859_1);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
