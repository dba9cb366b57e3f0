package io.recoverymanager.daemon.config;

import io.recoverymanager.dispatch.RunMode;
import io.recoverymanager.dispatch.exec.CommandTemplate;
import io.recoverymanager.dispatch.master.ContextGrant;
import io.recoverymanager.dispatch.master.FileRequestLedger;
import io.recoverymanager.dispatch.master.FloodLimits;
import io.recoverymanager.systemd.BusAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The daemon's configuration, every value resolved (defaults filled in, overrides applied).
 *
 * @param runMode auto, master or slave
 * @param context this instance's context name; empty means the hostname
 * @param unitsDir the directory of {@code *.toml} recovery units
 * @param stateDir where the database lives
 * @param runtimeDir where the control socket lives
 * @param bus the D-Bus to reach systemd on
 * @param integrityCheckDelay how long after start the check-start integrity check runs
 * @param ipc the master/slave dispatch socket settings
 * @param commands the argv templates of system actions
 * @param history history retention
 * @param metrics Prometheus textfile output
 * @param crashReporter the crash reporter's D-Bus signal
 * @param control who may use the operator's control socket
 * @param logging where the log goes ({@code [logging]})
 * @param budgets the destructive-action budgets of this instance ({@code [budget]})
 * @param vendorUnitsDir the read-only vendor layer of units under {@code unitsDir} ({@code
 *     vendor-units-dir})
 *     <p>Thread-safety: immutable.
 */
public record DaemonConfig(
        RunMode runMode,
        String context,
        Path unitsDir,
        Path stateDir,
        Path runtimeDir,
        BusAddress bus,
        Duration integrityCheckDelay,
        Ipc ipc,
        Commands commands,
        History history,
        Metrics metrics,
        CrashReporter crashReporter,
        Control control,
        LoggingConfig logging,
        io.recoverymanager.core.unit.ActionBudgets budgets,
        Path vendorUnitsDir) {

    public DaemonConfig {
        Objects.requireNonNull(runMode, "runMode");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(unitsDir, "unitsDir");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(runtimeDir, "runtimeDir");
        Objects.requireNonNull(bus, "bus");
        Objects.requireNonNull(integrityCheckDelay, "integrityCheckDelay");
        Objects.requireNonNull(ipc, "ipc");
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(crashReporter, "crashReporter");
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(logging, "logging");
        Objects.requireNonNull(budgets, "budgets");
        Objects.requireNonNull(vendorUnitsDir, "vendorUnitsDir");
    }

    /** The documented defaults (an absent or empty configuration file). */
    public static DaemonConfig defaults() {
        return new DaemonConfig(
                RunMode.AUTO,
                "",
                Path.of("/etc/recoverymanager/units"),
                Path.of("/var/lib/recoverymanager"),
                Path.of("/run/recoverymanager"),
                BusAddress.system(),
                Duration.ofSeconds(30),
                Ipc.defaults(),
                Commands.defaults(),
                History.defaults(),
                Metrics.defaults(),
                CrashReporter.defaults(),
                Control.defaults(),
                LoggingConfig.defaults(),
                io.recoverymanager.core.unit.ActionBudgets.defaults(),
                Path.of("/usr/lib/recoverymanager/units"));
    }

    /** The context name, or the hostname when none is configured. */
    public String effectiveContext(Supplier<String> hostname) {
        return context.isEmpty() ? hostname.get() : context;
    }

    /** Where a running daemon records the run mode it decided and why (read by {@code status}). */
    public Path runModeFile() {
        return runtimeDir.resolve("run-mode");
    }

    /** The control socket used by {@code reset} and {@code report-crash}. */
    public Path controlSocket() {
        return runtimeDir.resolve("control.sock");
    }

    /** The SQLite database file in the state directory. */
    public Path databaseFile() {
        return stateDir.resolve("recoverymanager.db");
    }

    /** A copy with the overrides applied. */
    public DaemonConfig with(ConfigOverrides o) {
        return new DaemonConfig(
                o.runMode().orElse(runMode),
                context,
                o.unitsDir().orElse(unitsDir),
                o.stateDir().orElse(stateDir),
                o.runtimeDir().orElse(runtimeDir),
                o.bus().orElse(bus),
                integrityCheckDelay,
                ipc,
                commands,
                history,
                metrics,
                crashReporter,
                control,
                logging,
                budgets,
                vendorUnitsDir);
    }

    /** A copy with other logging settings (the command line's {@code --log-level}). */
    public DaemonConfig withLogging(LoggingConfig newLogging) {
        return new DaemonConfig(
                runMode,
                context,
                unitsDir,
                stateDir,
                runtimeDir,
                bus,
                integrityCheckDelay,
                ipc,
                commands,
                history,
                metrics,
                crashReporter,
                control,
                newLogging,
                budgets,
                vendorUnitsDir);
    }

    /**
     * The master/slave dispatch socket.
     *
     * @param socket the socket path the master listens on
     * @param timeout how long one IPC operation may block
     * @param allowedUids slaves' users allowed to connect (the control socket has its own list)
     * @param contexts who may claim which slave context and request which actions ({@code
     *     [[ipc.context]]}); empty: any allowed peer may claim any free name, restart-context only
     * @param limits per-context flood limits of the master
     * @param ledgerMaxAge the master forgets request ids older than this ({@code ledger-max-age})
     * @param ledgerMaxEntries the master remembers at most this many request ids ({@code
     *     ledger-max-entries})
     */
    public record Ipc(
            Path socket,
            Duration timeout,
            List<Integer> allowedUids,
            List<ContextGrant> contexts,
            FloodLimits limits,
            Duration ledgerMaxAge,
            int ledgerMaxEntries) {
        public Ipc {
            Objects.requireNonNull(socket, "socket");
            Objects.requireNonNull(timeout, "timeout");
            allowedUids = List.copyOf(allowedUids);
            contexts = List.copyOf(contexts);
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(ledgerMaxAge, "ledgerMaxAge");
        }

        /** The socket settings with no contexts configured, default flood limits and ledger retention. */
        public Ipc(Path socket, Duration timeout, List<Integer> allowedUids) {
            this(
                    socket,
                    timeout,
                    allowedUids,
                    List.of(),
                    FloodLimits.defaults(),
                    FileRequestLedger.DEFAULT_MAX_AGE,
                    FileRequestLedger.DEFAULT_MAX_ENTRIES);
        }

        public static Ipc defaults() {
            return new Ipc(Path.of("/run/recoverymanager/rmgr.sock"), Duration.ofSeconds(15), List.of(0));
        }
    }

    /**
     * The argv templates of system actions; an empty template means the built-in behaviour (safe
     * deletion of a data directory's contents) or, for factory reset, refusal.
     */
    public record Commands(
            Optional<CommandTemplate> publicDataReset,
            Optional<CommandTemplate> privateDataReset,
            Optional<CommandTemplate> contextRestart,
            Optional<CommandTemplate> platformRestart,
            Optional<CommandTemplate> factoryReset) {
        public Commands {
            Objects.requireNonNull(publicDataReset, "publicDataReset");
            Objects.requireNonNull(privateDataReset, "privateDataReset");
            Objects.requireNonNull(contextRestart, "contextRestart");
            Objects.requireNonNull(platformRestart, "platformRestart");
            Objects.requireNonNull(factoryReset, "factoryReset");
        }

        public static Commands defaults() {
            return new Commands(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(CommandTemplate.of("machinectl", "reboot", "${context}")),
                    Optional.of(CommandTemplate.of("systemctl", "reboot")),
                    Optional.empty());
        }
    }

    /**
     * History retention.
     *
     * @param maxAge rows older than this are pruned
     * @param maxRows at most this many rows are kept
     */
    public record History(Duration maxAge, long maxRows) {
        public History {
            Objects.requireNonNull(maxAge, "maxAge");
        }

        public static History defaults() {
            return new History(Duration.ofDays(30), 100_000);
        }
    }

    /**
     * Prometheus textfile-collector output.
     *
     * @param textfile the file to write, or empty for none
     */
    public record Metrics(Optional<Path> textfile) {
        public Metrics {
            Objects.requireNonNull(textfile, "textfile");
        }

        public static Metrics defaults() {
            return new Metrics(Optional.empty());
        }
    }

    /**
     * The crash reporter's D-Bus signal, whose first argument names a crashed process (and an
     * optional second one its context), fed to process friends. Only signals sent by the current
     * owner of the well-known name {@code sender}, whose user is in {@code allowedUids}, count.
     *
     * @param address the bus: empty for the system bus, or a {@code unix:path=} address
     * @param iface the signal's interface; empty switches the listener off
     * @param member the signal's name
     * @param sender the crash reporter's well-known bus name (required when {@code iface} is set)
     * @param allowedUids the users the owner of {@code sender} may run as
     */
    public record CrashReporter(
            Optional<String> address, String iface, String member, String sender, List<Integer> allowedUids) {
        public CrashReporter {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(iface, "iface");
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(sender, "sender");
            allowedUids = List.copyOf(allowedUids);
        }

        public static CrashReporter defaults() {
            return new CrashReporter(Optional.empty(), "", "ProcessCrashed", "", List.of(0));
        }

        /** Whether a signal is configured. */
        public boolean enabled() {
            return !iface.isEmpty();
        }
    }

    /**
     * The operator's control socket ({@code <runtime-dir>/control.sock}, used by {@code reset} and
     * {@code report-crash}).
     *
     * @param allowedUids the users whose requests are served (checked with {@code SO_PEERCRED})
     * @param group a group that may reach the socket (mode 0660, the runtime directory's group);
     *     empty: the socket is 0600, root's only
     */
    public record Control(List<Integer> allowedUids, Optional<String> group) {
        public Control {
            allowedUids = List.copyOf(allowedUids);
            Objects.requireNonNull(group, "group");
        }

        public static Control defaults() {
            return new Control(List.of(0), Optional.empty());
        }
    }
}
