package io.recoverymanager.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.recoverymanager.dispatch.RunMode;
import io.recoverymanager.dispatch.exec.CommandTemplate.Placeholder;
import io.recoverymanager.systemd.BusAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader();

    @TempDir
    Path tmp;

    private DaemonConfig parse(String toml) throws ConfigException {
        return loader.parse("rm.toml", toml);
    }

    private List<String> errors(String toml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse(toml));
        assertThat(e).as("expected config errors").isNotNull();
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void emptyFileGivesTheDocumentedDefaults() throws Exception {
        DaemonConfig c = parse("");
        assertThat(c).isEqualTo(DaemonConfig.defaults());
        assertThat(c.runMode()).isEqualTo(RunMode.AUTO);
        assertThat(c.context()).isEmpty();
        assertThat(c.unitsDir()).isEqualTo(Path.of("/etc/recoverymanager/units"));
        assertThat(c.stateDir()).isEqualTo(Path.of("/var/lib/recoverymanager"));
        assertThat(c.runtimeDir()).isEqualTo(Path.of("/run/recoverymanager"));
        assertThat(c.bus()).isEqualTo(BusAddress.system());
        assertThat(c.integrityCheckDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.ipc().socket()).isEqualTo(Path.of("/run/recoverymanager/rmgr.sock"));
        assertThat(c.ipc().timeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.ipc().allowedUids()).containsExactly(0);
        assertThat(c.commands().publicDataReset()).isEmpty();
        assertThat(c.commands().privateDataReset()).isEmpty();
        assertThat(c.commands().contextRestart().orElseThrow().toStrings())
                .containsExactly("machinectl", "reboot", "${context}");
        assertThat(c.commands().platformRestart().orElseThrow().toStrings()).containsExactly("systemctl", "reboot");
        assertThat(c.commands().factoryReset()).isEmpty();
        assertThat(c.history().maxAge()).isEqualTo(Duration.ofDays(30));
        assertThat(c.history().maxRows()).isEqualTo(100_000);
        assertThat(c.metrics().textfile()).isEmpty();
        assertThat(c.controlSocket()).isEqualTo(Path.of("/run/recoverymanager/control.sock"));
    }

    @Test
    void theIssuesExampleWithEveryKeyParses() throws Exception {
        DaemonConfig c = parse(
                """
                run-mode = "master"
                context = "container1"
                units-dir = "/srv/units"
                state-dir = "/srv/state"
                runtime-dir = "/run/rm"
                bus = "unix:path=/run/dbus/system_bus_socket"
                integrity-check-delay = "45s"

                [ipc]
                socket = "/run/rm/rmgr.sock"
                timeout = "2m"
                allowed-uids = [0, 1000]

                [commands]
                public-data-reset = ["/usr/local/bin/wipe", "--service", "${service}", "${path}"]
                private-data-reset = []
                context-restart = ["machinectl", "reboot", "${context}"]
                platform-restart = ["systemctl", "reboot"]
                factory-reset = ["/usr/sbin/factory-reset", "${context}"]

                [history]
                max-age = "7d"
                max-rows = 500

                [metrics]
                textfile = "/var/lib/node_exporter/rm.prom"
                """);
        assertThat(c.runMode()).isEqualTo(RunMode.MASTER);
        assertThat(c.context()).isEqualTo("container1");
        assertThat(c.unitsDir()).isEqualTo(Path.of("/srv/units"));
        assertThat(c.stateDir()).isEqualTo(Path.of("/srv/state"));
        assertThat(c.runtimeDir()).isEqualTo(Path.of("/run/rm"));
        assertThat(c.bus()).isEqualTo(new BusAddress.Explicit("unix:path=/run/dbus/system_bus_socket"));
        assertThat(c.integrityCheckDelay()).isEqualTo(Duration.ofSeconds(45));
        assertThat(c.ipc().timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.ipc().allowedUids()).containsExactly(0, 1000);
        assertThat(c.commands()
                        .publicDataReset()
                        .orElseThrow()
                        .expand(Map.of(Placeholder.SERVICE, "echo.service", Placeholder.PATH, "/var/lib/echo public")))
                .containsExactly("/usr/local/bin/wipe", "--service", "echo.service", "/var/lib/echo public");
        assertThat(c.commands().privateDataReset()).isEmpty();
        assertThat(c.commands().factoryReset().orElseThrow().toStrings())
                .containsExactly("/usr/sbin/factory-reset", "${context}");
        assertThat(c.history().maxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(c.history().maxRows()).isEqualTo(500);
        assertThat(c.metrics().textfile()).contains(Path.of("/var/lib/node_exporter/rm.prom"));
    }

    @ParameterizedTest
    @CsvSource({
        "auto, AUTO",
        "master, MASTER",
        "primary, MASTER",
        "slave, SLAVE",
        "replica, SLAVE",
        "client, SLAVE",
        "Primary, MASTER"
    })
    void runModeAcceptsTheAliases(String text, RunMode expected) throws Exception {
        assertThat(parse("run-mode = \"" + text + "\"").runMode()).isEqualTo(expected);
    }

    @Test
    void busKinds() throws Exception {
        assertThat(parse("bus = \"user\"").bus()).isEqualTo(new BusAddress.SessionBus());
        assertThat(parse("bus = \"private\"").bus()).isInstanceOf(BusAddress.PrivateSocket.class);
        assertThat(parse("bus = \"system\"").bus()).isEqualTo(BusAddress.system());
    }

    @Test
    void durationsInEveryUnitAndIntegerSeconds() throws Exception {
        assertThat(parse("integrity-check-delay = \"500ms\"").integrityCheckDelay())
                .isEqualTo(Duration.ofMillis(500));
        assertThat(parse("integrity-check-delay = \"5m\"").integrityCheckDelay())
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(parse("integrity-check-delay = \"1h\"").integrityCheckDelay())
                .isEqualTo(Duration.ofHours(1));
        assertThat(parse("integrity-check-delay = 12").integrityCheckDelay()).isEqualTo(Duration.ofSeconds(12));
        assertThat(parse("integrity-check-delay = \"0s\"").integrityCheckDelay())
                .isZero();
        assertThat(parse("[history]\nmax-age = \"30d\"").history().maxAge()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void unknownKeysAreErrorsWithLineAndKey() {
        assertThat(
                        errors(
                                """
                        run-mode = "auto"
                        colour = "blue"
                        [ipc]
                        socket = "/run/x.sock"
                        sokcet = "/run/y.sock"
                        [extra]
                        a = 1
                        """))
                .containsExactly(
                        "rm.toml:2: colour: unknown key (known here: budget, bus, commands, context, control, crash-reporter,"
                                + " history, integrity-check-delay, ipc, logging, metrics, run-mode, runtime-dir, state-dir,"
                                + " units-dir, vendor-units-dir)",
                        "rm.toml:6: extra: unknown key (known here: budget, bus, commands, context, control, crash-reporter,"
                                + " history, integrity-check-delay, ipc, logging, metrics, run-mode, runtime-dir, state-dir,"
                                + " units-dir, vendor-units-dir)",
                        "rm.toml:5: ipc.sokcet: unknown key (known here: allowed-uids, context, ledger-max-age,"
                                + " ledger-max-entries, notice-burst, notice-coalesce, notices-per-second, request-burst,"
                                + " requests-per-minute, socket, timeout)");
    }

    @Test
    void everyBadValueIsReportedAtOnce() {
        List<String> errors = errors(
                """
                run-mode = "leader"
                context = "bad context!"
                units-dir = "relative/units"
                state-dir = "/var/lib/../rm"
                runtime-dir = 7
                bus = "session bus"
                integrity-check-delay = "soon"

                [ipc]
                socket = ""
                timeout = "0s"
                allowed-uids = [0, -1, "root"]

                [commands]
                public-data-reset = "rm -rf ${path}"
                private-data-reset = ["rm", "-rf", "${path}/*"]
                context-restart = ["${context}", "reboot"]
                platform-restart = ["systemctl", "reboot", "${path}"]
                factory-reset = ["wipe", "${disk}"]

                [history]
                max-age = -1
                max-rows = 0

                [metrics]
                textfile = "metrics.prom"
                """);
        assertThat(errors)
                .containsExactly(
                        "rm.toml:1: run-mode: \"leader\" must be one of auto, master, slave (aliases: primary, replica,"
                                + " client)",
                        "rm.toml:2: context: \"bad context!\" must be empty (the hostname) or a name of letters,"
                                + " digits, '.', '_' and '-'",
                        "rm.toml:3: units-dir: \"relative/units\" must be an absolute path",
                        "rm.toml:4: state-dir: \"/var/lib/../rm\" must be a normalized path (no '.', '..' or '//')",
                        "rm.toml:5: runtime-dir: must be a string",
                        "rm.toml:6: bus: \"session bus\" must be system, user, private or a D-Bus address such as"
                                + " unix:path=/run/dbus/system_bus_socket",
                        "rm.toml:7: integrity-check-delay: \"soon\" must be a duration such as \"500ms\", \"30s\","
                                + " \"5m\", \"1h\", \"30d\" or integer seconds",
                        "rm.toml:10: ipc.socket: \"\" must be an absolute path",
                        "rm.toml:11: ipc.timeout: must be greater than 0",
                        "rm.toml:12: ipc.allowed-uids: element 2 (-1) must be a user id, an integer from 0 to"
                                + " 2147483647",
                        "rm.toml:12: ipc.allowed-uids: element 3 (\"root\") must be a user id, an integer from 0 to"
                                + " 2147483647",
                        "rm.toml:15: commands.public-data-reset: must be an array of strings (program and arguments),"
                                + " e.g. [\"systemctl\", \"reboot\"]",
                        "rm.toml:16: commands.private-data-reset: argument 3 \"${path}/*\": a placeholder must be a"
                                + " whole argument, not part of one",
                        "rm.toml:17: commands.context-restart: the program (argument 1) must not be a placeholder",
                        "rm.toml:18: commands.platform-restart: argument 3: ${path} is not available here (available:"
                                + " ${service}, ${context})",
                        "rm.toml:19: commands.factory-reset: argument 2: unknown placeholder ${disk} (known:"
                                + " ${service}, ${context}, ${path})",
                        "rm.toml:22: history.max-age: must be a duration such as \"500ms\", \"30s\", \"5m\", \"1h\","
                                + " \"30d\" or integer seconds",
                        "rm.toml:23: history.max-rows: must be an integer of at least 1",
                        "rm.toml:26: metrics.textfile: \"metrics.prom\" must be an absolute path");
    }

    @Test
    void tablesMustBeTablesAndCommandArgumentsStrings() {
        assertThat(errors("ipc = 3\n[commands]\nfactory-reset = [\"wipe\", 3]\n"))
                .containsExactly(
                        "rm.toml:1: ipc: must be a table ([ipc])",
                        "rm.toml:3: commands.factory-reset: argument 2 (3) must be a string");
        assertThat(errors("[commands]\nplatform-restart = [\"\", \"reboot\"]\n"))
                .containsExactly("rm.toml:2: commands.platform-restart: the program (argument 1) is empty");
    }

    @Test
    void dottedAndInlineKeysGetTheirLines() {
        assertThat(errors("\n\nipc.timeout = \"never\"\n"))
                .containsExactly(
                        "rm.toml:3: ipc.timeout: \"never\" must be a duration such as \"500ms\", \"30s\", \"5m\", \"1h\","
                                + " \"30d\" or integer seconds");
        assertThat(errors("\nhistory = { max-rows = \"many\" }\n"))
                .containsExactly("rm.toml:2: history.max-rows: must be an integer of at least 1");
    }

    @Test
    void multiLineArraysDoNotConfuseLineNumbers() {
        assertThat(
                        errors(
                                """
                        [commands]
                        context-restart = [
                            "machinectl",
                            "reboot",
                            "${context}",
                        ]
                        factory-reset = ["x", "${what}"]
                        """))
                .containsExactly("rm.toml:7: commands.factory-reset: argument 2: unknown placeholder ${what} (known:"
                        + " ${service}, ${context}, ${path})");
    }

    @Test
    void invalidTomlNamesTheLine() {
        assertThat(errors("run-mode = \"auto\"\nbus = \n"))
                .singleElement()
                .asString()
                .startsWith("rm.toml:2: not valid TOML: ");
        assertThat(errors("bus = \"user\"\n\nbus = \"system\"\n"))
                .containsExactly("rm.toml:3: bus: duplicate key (first on line 1)");
        assertThat(errors("[ipc]\ntimeout = 1\n[history]\n[ipc]\n"))
                .containsExactly("rm.toml:4: ipc: duplicate table (first on line 1)");
    }

    @Test
    void missingDefaultFileMeansDefaults() throws Exception {
        ConfigLoader withDefault = new ConfigLoader(tmp.resolve("absent.toml"));
        assertThat(withDefault.load(Optional.empty(), ConfigOverrides.none())).isEqualTo(DaemonConfig.defaults());
    }

    @Test
    void presentDefaultFileIsRead() throws Exception {
        Path file = tmp.resolve("rm.toml");
        Files.writeString(file, "context = \"box\"\n");
        assertThat(new ConfigLoader(file)
                        .load(Optional.empty(), ConfigOverrides.none())
                        .context())
                .isEqualTo("box");
    }

    @Test
    void missingExplicitFileIsAnError() {
        Path absent = tmp.resolve("nope.toml");
        assertThatThrownBy(() -> loader.load(Optional.of(absent), ConfigOverrides.none()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(absent + ": no such file");
    }

    @Test
    void unreadableExplicitFileIsAnError() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("dir.toml"));
        assertThatThrownBy(() -> loader.load(Optional.of(dir), ConfigOverrides.none()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(dir + ": cannot read: ");
    }

    @Test
    void errorsOfAnExplicitFileNameTheFile() throws IOException {
        Path file = tmp.resolve("bad.toml");
        Files.writeString(file, "\nbus = \"nope\"\n");
        assertThatThrownBy(() -> loader.load(Optional.of(file), ConfigOverrides.none()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":2: bus: \"nope\" must be");
    }

    @Test
    void eachOverrideReplacesTheFileValueAndOnlyThat() throws Exception {
        Path file = tmp.resolve("rm.toml");
        Files.writeString(
                file,
                """
                run-mode = "master"
                units-dir = "/srv/units"
                state-dir = "/srv/state"
                runtime-dir = "/run/rm"
                bus = "user"
                context = "kept"
                """);
        DaemonConfig base = loader.load(Optional.of(file), ConfigOverrides.none());
        ConfigOverrides none = ConfigOverrides.none();

        DaemonConfig mode = loader.load(
                Optional.of(file),
                new ConfigOverrides(
                        Optional.of(RunMode.SLAVE), none.bus(), none.unitsDir(), none.stateDir(), none.runtimeDir()));
        assertThat(mode)
                .isEqualTo(new DaemonConfig(
                        RunMode.SLAVE,
                        "kept",
                        base.unitsDir(),
                        base.stateDir(),
                        base.runtimeDir(),
                        base.bus(),
                        base.integrityCheckDelay(),
                        base.ipc(),
                        base.commands(),
                        base.history(),
                        base.metrics(),
                        base.crashReporter(),
                        base.control(),
                        base.logging(),
                        base.budgets(),
                        base.vendorUnitsDir()));

        BusAddress privateBus = BusAddress.parse("private");
        assertThat(loader.load(
                        Optional.of(file),
                        new ConfigOverrides(
                                none.runMode(),
                                Optional.of(privateBus),
                                none.unitsDir(),
                                none.stateDir(),
                                none.runtimeDir())))
                .isEqualTo(base.with(new ConfigOverrides(
                        none.runMode(), Optional.of(privateBus), none.unitsDir(), none.stateDir(), none.runtimeDir())))
                .extracting(DaemonConfig::bus, DaemonConfig::unitsDir, DaemonConfig::runMode)
                .containsExactly(privateBus, Path.of("/srv/units"), RunMode.MASTER);

        DaemonConfig units = loader.load(
                Optional.of(file),
                new ConfigOverrides(
                        none.runMode(),
                        none.bus(),
                        Optional.of(Path.of("/tmp/u")),
                        none.stateDir(),
                        none.runtimeDir()));
        assertThat(units.unitsDir()).isEqualTo(Path.of("/tmp/u"));
        assertThat(units.stateDir()).isEqualTo(Path.of("/srv/state"));

        DaemonConfig state = loader.load(
                Optional.of(file),
                new ConfigOverrides(
                        none.runMode(),
                        none.bus(),
                        none.unitsDir(),
                        Optional.of(Path.of("/tmp/s")),
                        none.runtimeDir()));
        assertThat(state.stateDir()).isEqualTo(Path.of("/tmp/s"));
        assertThat(state.databaseFile()).isEqualTo(Path.of("/tmp/s/recoverymanager.db"));
        assertThat(state.runtimeDir()).isEqualTo(Path.of("/run/rm"));

        DaemonConfig runtime = loader.load(
                Optional.of(file),
                new ConfigOverrides(
                        none.runMode(), none.bus(), none.unitsDir(), none.stateDir(), Optional.of(Path.of("/tmp/r"))));
        assertThat(runtime.runtimeDir()).isEqualTo(Path.of("/tmp/r"));
        assertThat(runtime.controlSocket()).isEqualTo(Path.of("/tmp/r/control.sock"));
        assertThat(runtime.unitsDir()).isEqualTo(Path.of("/srv/units"));
    }

    @Test
    void overridesApplyToDefaultsToo() throws Exception {
        DaemonConfig c = new ConfigLoader(tmp.resolve("absent.toml"))
                .load(
                        Optional.empty(),
                        new ConfigOverrides(
                                Optional.of(RunMode.MASTER),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.of(tmp)));
        assertThat(c.runMode()).isEqualTo(RunMode.MASTER);
        assertThat(c.runtimeDir()).isEqualTo(tmp);
    }

    @Test
    void effectiveContextFallsBackToTheHostname() throws Exception {
        assertThat(parse("").effectiveContext(() -> "host7")).isEqualTo("host7");
        assertThat(parse("context = \"c1\"").effectiveContext(() -> "host7")).isEqualTo("c1");
    }

    @Test
    void theCrashReporterSectionIsReadAndCheckedStrictly() throws Exception {
        DaemonConfig config = loader.parse(
                "rm.toml",
                "[crash-reporter]\nbus = \"unix:path=/run/crash/bus\"\ninterface = \"org.example.Crash\"\nmember = \"Crashed\"\n"
                        + "sender = \"org.example.CrashReporter\"\nallowed-uids = [0, 991]\n");
        assertThat(config.crashReporter())
                .isEqualTo(new DaemonConfig.CrashReporter(
                        Optional.of("unix:path=/run/crash/bus"),
                        "org.example.Crash",
                        "Crashed",
                        "org.example.CrashReporter",
                        List.of(0, 991)));
        assertThat(config.crashReporter().enabled()).isTrue();
        assertThat(DaemonConfig.defaults().crashReporter().enabled()).isFalse();

        assertThatThrownBy(() -> loader.parse("rm.toml", "[crash-reporter]\ninterface = \"no dots\"\nmember = 5\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rm.toml:2: crash-reporter.interface: must be a D-Bus interface name")
                .hasMessageContaining("rm.toml:3: crash-reporter.member: must be a D-Bus signal name");
    }

    @Test
    void aCrashReporterSignalNeedsTheReportersBusName() throws Exception {
        assertThat(DaemonConfig.defaults().crashReporter().sender()).isEmpty();
        assertThat(DaemonConfig.defaults().crashReporter().allowedUids()).containsExactly(0);

        assertThatThrownBy(() -> loader.parse("rm.toml", "[crash-reporter]\ninterface = \"org.example.Crash\"\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rm.toml:2: crash-reporter.interface: needs crash-reporter.sender");
        assertThatThrownBy(() -> loader.parse(
                        "rm.toml",
                        "[crash-reporter]\ninterface = \"org.example.Crash\"\nsender = \":1.42\"\n"
                                + "allowed-uids = [-5]\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rm.toml:3: crash-reporter.sender: must be a well-known D-Bus name")
                .hasMessageContaining("rm.toml:4: crash-reporter.allowed-uids: element 1 (-5) must be a user id");
    }

    @Test
    void theControlSectionHasItsOwnAllowListAndGroup() throws Exception {
        DaemonConfig defaults = DaemonConfig.defaults();
        assertThat(defaults.control()).isEqualTo(new DaemonConfig.Control(List.of(0), Optional.empty()));

        DaemonConfig config = loader.parse(
                "rm.toml",
                "[ipc]\nallowed-uids = [0, 1000]\n[control]\nallowed-uids = [0, 42]\ngroup = \"operators\"\n");
        assertThat(config.control()).isEqualTo(new DaemonConfig.Control(List.of(0, 42), Optional.of("operators")));
        assertThat(config.ipc().allowedUids()).containsExactly(0, 1000);
        assertThat(loader.parse("rm.toml", "[ipc]\nallowed-uids = [0, 1000]\n")
                        .control()
                        .allowedUids())
                .as("the slaves' allow-list does not open the control socket")
                .containsExactly(0);
        assertThat(loader.parse("rm.toml", "[control]\ngroup = \"\"\n")
                        .control()
                        .group())
                .isEmpty();

        assertThatThrownBy(() -> loader.parse(
                        "rm.toml", "[control]\nallowed-uids = \"root\"\ngroup = \"bad group\"\nmode = \"0666\"\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rm.toml:2: control.allowed-uids: must be an array of user ids")
                .hasMessageContaining("rm.toml:3: control.group: \"bad group\" is not a group name")
                .hasMessageContaining("rm.toml:4: control.mode: unknown key");
    }
}
