package io.recoverymanager.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code [logging]} section: targets, levels, DLT ids, and errors as file:line: key: reason. */
class LoggingConfigTest {
    private final ConfigLoader loader = new ConfigLoader();

    private LoggingConfig parse(String toml) throws ConfigException {
        return loader.parse("rm.toml", toml).logging();
    }

    private List<String> errors(String toml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.parse("rm.toml", toml));
        assertThat(e).as("expected config errors").isNotNull();
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void withoutASectionTheTargetIsAutoAtInfoWithTheDocumentedDltIds() throws Exception {
        LoggingConfig logging = parse("");
        assertThat(logging.target()).isEqualTo(LogTarget.AUTO);
        assertThat(logging.level()).isEqualTo(LogLevelSetting.INFO);
        assertThat(logging.dlt().appId()).isEqualTo("RMGR");
        assertThat(logging.dlt().library()).isEqualTo("libdlt.so.2");
        assertThat(logging.dlt().contextIds())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        LogArea.ENGINE, "ENGN",
                        LogArea.SYSTEMD, "SYSD",
                        LogArea.DISPATCH, "DISP",
                        LogArea.STORE, "STOR",
                        LogArea.DAEMON, "MAIN"));
    }

    @Test
    void everyKeyIsRead() throws Exception {
        LoggingConfig logging = parse(
                """
                [logging]
                target = "dlt"
                level = "debug"
                [logging.dlt]
                app-id = "RM1"
                library = "/opt/dlt/lib/libdlt.so.2"
                [logging.dlt.context-ids]
                engine = "E"
                store = "DB"
                """);
        assertThat(logging.target()).isEqualTo(LogTarget.DLT);
        assertThat(logging.level()).isEqualTo(LogLevelSetting.DEBUG);
        assertThat(logging.dlt().appId()).isEqualTo("RM1");
        assertThat(logging.dlt().library()).isEqualTo("/opt/dlt/lib/libdlt.so.2");
        assertThat(logging.dlt().contextIds())
                .containsEntry(LogArea.ENGINE, "E")
                .containsEntry(LogArea.STORE, "DB")
                .containsEntry(LogArea.SYSTEMD, "SYSD");
    }

    @Test
    void badValuesNameFileLineKeyAndReason() {
        assertThat(
                        errors(
                                """
                        run-mode = "master"
                        [logging]
                        target = "syslog"
                        level = "trace"
                        colour = true
                        [logging.dlt]
                        app-id = "RMGR5"
                        library = "lib/libdlt.so"
                        [logging.dlt.context-ids]
                        engine = ""
                        systemd = "DISP"
                        gui = "GUI"
                        """))
                .containsExactlyInAnyOrder(
                        "rm.toml:3: logging.target: \"syslog\" must be one of \"auto\", \"journal\", \"dlt\", \"stderr\"",
                        "rm.toml:4: logging.level: \"trace\" must be one of \"error\", \"warn\", \"info\", \"debug\"",
                        "rm.toml:5: logging.colour: unknown key (known here: dlt, journal-socket, level, target)",
                        "rm.toml:7: logging.dlt.app-id: \"RMGR5\" must be a DLT id: 1 to 4 ASCII letters, digits, '_' or '-'",
                        "rm.toml:8: logging.dlt.library: \"lib/libdlt.so\" must be a library file name such as"
                                + " \"libdlt.so.2\" or an absolute path",
                        "rm.toml:10: logging.dlt.context-ids.engine: \"\" must be a DLT id: 1 to 4 ASCII letters,"
                                + " digits, '_' or '-'",
                        "rm.toml:12: logging.dlt.context-ids.gui: unknown key (known here: daemon, dispatch, engine,"
                                + " store, systemd)",
                        "rm.toml:11: logging.dlt.context-ids.systemd: \"DISP\" is already the context id of dispatch");
    }

    @Test
    void aSectionOfTheWrongTypeIsAnError() {
        assertThat(errors("logging = \"dlt\"\n")).containsExactly("rm.toml:1: logging: must be a table ([logging])");
        assertThat(errors("[logging]\ndlt = 3\n"))
                .containsExactly("rm.toml:2: logging.dlt: must be a table ([logging.dlt])");
    }

    @Test
    void nonAsciiIdsAreRejected() {
        assertThat(errors("[logging.dlt]\napp-id = \"RMÄ\"\n"))
                .containsExactly(
                        "rm.toml:2: logging.dlt.app-id: \"RMÄ\" must be a DLT id: 1 to 4 ASCII letters, digits, '_' or '-'");
    }
}
