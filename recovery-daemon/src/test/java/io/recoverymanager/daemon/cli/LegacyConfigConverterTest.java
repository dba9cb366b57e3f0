package io.recoverymanager.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.daemon.config.ConfigLoader;
import io.recoverymanager.daemon.config.DaemonConfig;
import io.recoverymanager.dispatch.RunMode;
import io.recoverymanager.dispatch.exec.CommandTemplate;
import io.recoverymanager.migrate.ConfigConversion;
import io.recoverymanager.migrate.LegacyConfigConverter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The C implementation's key-file configuration, from the real reference file and hostile variants. */
class LegacyConfigConverterTest {
    private final LegacyConfigConverter converter = new LegacyConfigConverter();

    /** A file of the C implementation from {@code src/test/resources/legacy}. */
    private static String fixture(String name) throws java.io.IOException {
        try (java.io.InputStream in = LegacyConfigConverterTest.class.getResourceAsStream("/legacy/" + name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** The reference file as its package installs it: @config_dir@ replaced at build time. */
    private static String installedReference() throws Exception {
        return fixture("recoverymanager.conf.example").replace("@config_dir@", "/etc");
    }

    private static int lineOf(String content, String start) {
        List<String> lines = content.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                return i + 1;
            }
        }
        throw new AssertionError(start + " not in the content");
    }

    private List<String> errors(String content) {
        ConfigConversion c = converter.convert("old.conf", content);
        assertThat(c).as("conversion").isInstanceOf(ConfigConversion.Failed.class);
        return ((ConfigConversion.Failed) c)
                .errors().stream().map(Object::toString).toList();
    }

    private DaemonConfig converted(String content) throws Exception {
        ConfigConversion c = converter.convert("old.conf", content);
        assertThat(c).as("conversion").isInstanceOf(ConfigConversion.Converted.class);
        return new ConfigLoader().parse("converted.toml", ((ConfigConversion.Converted) c).toml());
    }

    private static String withKey(String key, String value) {
        return "[recoverymanager]\n" + key + " = " + value + "\n";
    }

    @Test
    void theReferenceConfigIsRecognisedByContentAndUnitsAreNot() throws Exception {
        assertThat(LegacyConfigConverter.looksLikeConfig(fixture("recoverymanager.conf.example")))
                .isTrue();
        assertThat(LegacyConfigConverter.looksLikeConfig(fixture("sample.recovery")))
                .isFalse();
        assertThat(LegacyConfigConverter.looksLikeConfig(fixture("echos1.recovery")))
                .isFalse();
    }

    @Test
    void theInstalledReferenceConfigConvertsToAConfigTheLoaderAccepts() throws Exception {
        DaemonConfig config = converted(installedReference());

        assertThat(config.runMode()).isEqualTo(RunMode.MASTER);
        assertThat(config.integrityCheckDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.unitsDir()).isEqualTo(Path.of("/etc/recoverymanager"));
        assertThat(config.stateDir()).isEqualTo(Path.of("/var/lib/recoverymanager"));
        assertThat(config.ipc().socket()).isEqualTo(Path.of("/run/recoverymanager/rmgr.sock"));
        assertThat(config.ipc().timeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.commands().publicDataReset())
                .as("rm -rf ${path}/* is the built-in reset")
                .isEmpty();
        assertThat(config.commands().privateDataReset()).isEmpty();
        assertThat(config.commands().platformRestart().map(CommandTemplate::toStrings))
                .contains(List.of("systemctl", "reboot"));
        assertThat(config.commands().factoryReset().map(CommandTemplate::toStrings))
                .contains(List.of("echo", "No factory reset supported"));
    }

    @Test
    void theUninstalledReferenceNamesTheBuildTimePlaceholderWithKeyAndLine() throws Exception {
        String raw = fixture("recoverymanager.conf.example");

        assertThat(errors(raw))
                .containsExactly("old.conf:" + lineOf(raw, "UnitsDirectory") + ": UnitsDirectory: \""
                        + "@config_dir@/recoverymanager\" still holds the build-time placeholder @config_dir@,"
                        + " which the C package replaced when it was built (@config_dir@ was normally /etc):"
                        + " write the real value");
    }

    @Test
    void runModesMapAndAnythingElseIsAnErrorNotAGuess() throws Exception {
        assertThat(converted(withKey("RunMode", "primary")).runMode()).isEqualTo(RunMode.MASTER);
        assertThat(converted(withKey("RunMode", "replica")).runMode()).isEqualTo(RunMode.SLAVE);
        assertThat(converted(withKey("RunMode", "auto")).runMode()).isEqualTo(RunMode.AUTO);
        assertThat(errors(withKey("RunMode", "master")))
                .singleElement()
                .asString()
                .startsWith("old.conf:2: RunMode: \"master\" is not primary, replica or auto");
    }

    @Test
    void commandsAreSplitByShellWordRulesWithPlaceholdersMapped() throws Exception {
        DaemonConfig config = converted("[recoverymanager]\n"
                + "PublicDataResetCommand = /usr/libexec/wipe --service ${service_name} '${path}'\n"
                + "PrivateDataResetCommand = rm  -fr ${path}/*\n"
                + "PlatformRestartCommand = \"/opt/my tools/reboot\" now\\ please\n");
        assertThat(config.commands().publicDataReset().map(CommandTemplate::toStrings))
                .contains(List.of("/usr/libexec/wipe", "--service", "${service}", "${path}"));
        assertThat(config.commands().privateDataReset()).isEmpty();
        assertThat(config.commands().platformRestart().map(CommandTemplate::toStrings))
                .contains(List.of("/opt/my tools/reboot", "now please"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "reboot | logger",
                "sync; reboot",
                "sync && reboot",
                "reboot > /dev/null",
                "reboot < /dev/null",
                "reboot 2>&1",
                "rm -rf /data/*",
                "echo $(id)",
                "echo `id`",
                "echo \"`id`\"",
                "echo $HOME",
                "echo \"$HOME\"",
                "reboot &",
                "(reboot)",
                "echo 'unterminated"
            })
    void commandsThatNeedAShellAreRefusedWithHowToWriteThemAsArgv(String command) {
        assertThat(errors(withKey("FactoryResetCommand", command)))
                .singleElement()
                .asString()
                .startsWith("old.conf:2: FactoryResetCommand: \"" + command + "\" needs a shell (")
                .contains("commands now run as argv without one")
                .contains("factory-reset = [\"/path/to/script\"]");
    }

    @Test
    void theResetFormIsBuiltInOnlyForDataResetsAndPlaceholdersMustBeWholeWords() {
        assertThat(errors(withKey("PlatformRestartCommand", "rm -rf ${path}/*")))
                .singleElement()
                .asString()
                .contains("needs a shell (a glob '*')");
        assertThat(errors(withKey("PublicDataResetCommand", "rm -rf ${path}/cache")))
                .singleElement()
                .asString()
                .contains("\"${path}/cache\": a placeholder must now be a whole argument");
        assertThat(errors(withKey("PlatformRestartCommand", "reboot ${path}")))
                .singleElement()
                .asString()
                .contains("${path} exists only for the data-reset commands");
        assertThat(errors(withKey("PlatformRestartCommand", "reboot ${reason}")))
                .singleElement()
                .asString()
                .contains("unknown placeholder");
    }

    @Test
    void structureErrorsNameTheLineAndEveryErrorIsReported() {
        String content = "Orphan = 1\n"
                + "[recoverymanager]\n"
                + "RunMode = auto\n"
                + "RunMode = primary\n"
                + "IpcSocketTimeot = 15\n"
                + "just text\n"
                + "IntegrityCheckTimeout = soon\n"
                + "IpcSocketTimeout = 0\n"
                + "UnitsDirectory = etc/units\n"
                + "[other]\n"
                + "Key = value\n";
        assertThat(errors(content))
                .containsExactlyInAnyOrder(
                        "old.conf:1: Orphan: key outside of the [recoverymanager] group",
                        "old.conf:4: RunMode: appears twice (first on line 3)",
                        "old.conf:5: IpcSocketTimeot: unknown key (known: RunMode, IntegrityCheckTimeout,"
                                + " UnitsDirectory, DatabaseDirectory, PublicDataResetCommand,"
                                + " PrivateDataResetCommand, PlatformRestartCommand, FactoryResetCommand,"
                                + " IpcSocketFile, IpcSocketTimeout)",
                        "old.conf:6: not a 'Key = value' line: \"just text\"",
                        "old.conf:10: [other]: unknown group (the C implementation read only [recoverymanager])");
        // value errors come once the structure is sound
        assertThat(errors("[recoverymanager]\n"
                        + "IntegrityCheckTimeout = soon\n"
                        + "IpcSocketTimeout = 0\n"
                        + "UnitsDirectory = etc/units\n"
                        + "PlatformRestartCommand =\n"))
                .containsExactly(
                        "old.conf:2: IntegrityCheckTimeout: \"soon\" must be a whole number of seconds",
                        "old.conf:3: IpcSocketTimeout: \"0\" must be a whole number of seconds greater than 0",
                        "old.conf:4: UnitsDirectory: \"etc/units\" must be an absolute path",
                        "old.conf:5: PlatformRestartCommand: is empty: the C daemon ran nothing useful; remove the"
                                + " key or write the command");
        assertThat(converter.convert("x", "# only a comment\n")).isInstanceOf(ConfigConversion.Failed.class);
        assertThat(Optional.of(converter.convert("x", "[recoverymanager]\n")))
                .get()
                .isInstanceOf(ConfigConversion.Converted.class);
    }
}
