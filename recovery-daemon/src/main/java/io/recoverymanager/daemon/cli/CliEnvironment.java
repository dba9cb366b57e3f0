package io.recoverymanager.daemon.cli;

import io.recoverymanager.daemon.config.ConfigLoader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the commands need from the outside world, replaceable in tests and bound by the daemon
 * wiring: the configuration loader, the store opener, the daemon launcher, the clock and the
 * hostname.
 *
 * @param configLoader reads the configuration file
 * @param storeOpener opens the store for status and history
 * @param launcher runs the daemon and the demo
 * @param clock the wall clock (for {@code history --since 1h})
 * @param hostname the context name when none is configured
 * @param kernelBootId the kernel's boot id (for {@code --boot 0}: this boot)
 *     <p>Thread-safety: immutable.
 */
public record CliEnvironment(
        ConfigLoader configLoader,
        StoreOpener storeOpener,
        DaemonLauncher launcher,
        Clock clock,
        Supplier<String> hostname,
        Supplier<String> kernelBootId) {
    public CliEnvironment {
        Objects.requireNonNull(configLoader, "configLoader");
        Objects.requireNonNull(storeOpener, "storeOpener");
        Objects.requireNonNull(launcher, "launcher");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(kernelBootId, "kernelBootId");
    }

    /** An environment reading the kernel's boot id from {@code /proc}. */
    public CliEnvironment(
            ConfigLoader configLoader,
            StoreOpener storeOpener,
            DaemonLauncher launcher,
            Clock clock,
            Supplier<String> hostname) {
        this(
                configLoader,
                storeOpener,
                launcher,
                clock,
                hostname,
                io.recoverymanager.runtime.InstanceBoot::kernelBootId);
    }

    /**
     * The production environment: the SQLite store, the real daemon and demo, bound through {@link
     * java.util.ServiceLoader} (the daemon's launch package provides them; without it, {@code run}
     * and {@code demo} report that they are not wired).
     */
    public static CliEnvironment system() {
        DaemonLauncher launcher =
                java.util.ServiceLoader.load(DaemonLauncher.class).findFirst().orElseGet(DaemonLauncher::notWired);
        StoreOpener storeOpener = java.util.ServiceLoader.load(StoreOpener.class)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no StoreOpener on the class path"));
        return new CliEnvironment(
                new ConfigLoader(), storeOpener, launcher, Clock.systemDefaultZone(), CliEnvironment::systemHostname);
    }

    public CliEnvironment withConfigLoader(ConfigLoader loader) {
        return new CliEnvironment(loader, storeOpener, launcher, clock, hostname, kernelBootId);
    }

    public CliEnvironment withStoreOpener(StoreOpener opener) {
        return new CliEnvironment(configLoader, opener, launcher, clock, hostname, kernelBootId);
    }

    public CliEnvironment withLauncher(DaemonLauncher daemonLauncher) {
        return new CliEnvironment(configLoader, storeOpener, daemonLauncher, clock, hostname, kernelBootId);
    }

    public CliEnvironment withClock(Clock newClock) {
        return new CliEnvironment(configLoader, storeOpener, launcher, newClock, hostname, kernelBootId);
    }

    public CliEnvironment withHostname(Supplier<String> newHostname) {
        return new CliEnvironment(configLoader, storeOpener, launcher, clock, newHostname, kernelBootId);
    }

    public CliEnvironment withKernelBootId(Supplier<String> newKernelBootId) {
        return new CliEnvironment(configLoader, storeOpener, launcher, clock, hostname, newKernelBootId);
    }

    /** The kernel's hostname, as systemd and the original implementation use it. */
    public static String systemHostname() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8)
                    .strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (java.io.IOException e) {
            // not Linux, or /proc not mounted: ask the resolver
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
