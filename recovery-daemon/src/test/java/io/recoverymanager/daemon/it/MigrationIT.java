package io.recoverymanager.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.testkit.sandbox.SystemdSandbox;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user coming from the C implementation, through the packaged launcher: its config converts into
 * one that {@code check --config} accepts, and a daemon started over its leftovers (a {@code
 * .recovery} unit, its {@code recoverymanager.db}) names them, touches neither, and runs.
 */
class MigrationIT {
    @TempDir
    Path tmp;

    private static String reference() throws Exception {
        try (InputStream in = MigrationIT.class.getResourceAsStream("/legacy/recoverymanager.conf.example")) {
            assertThat(in).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private PackagedDaemon.Run launcher(String... args) throws Exception {
        return PackagedDaemon.runLauncher(tmp, Map.of(), List.of(args));
    }

    @Test
    void theCConfigConvertsIntoOneThatCheckConfigAccepts() throws Exception {
        Path units = Files.createDirectories(tmp.resolve("etc/recoverymanager/units"));
        Files.writeString(
                units.resolve("app.toml"),
                "service = \"app.service\"\nrelax-time = \"60s\"\n[[action]]\ntype = \"restart-service\"\n");
        Path old = tmp.resolve("recoverymanager.conf");
        // as the C package installed it (@config_dir@ replaced), with our units directory
        Files.writeString(old, reference().replace("@config_dir@/recoverymanager", units.toString()));
        Path out = tmp.resolve("new");

        PackagedDaemon.Run convert = launcher("convert", old.toString(), "--output", out.toString());
        assertThat(convert.exitCode()).as(convert.describe()).isZero();
        Path converted = out.resolve("recoverymanager.toml");
        assertThat(Files.readString(converted))
                .contains("run-mode = \"master\"")
                .contains("factory-reset = [\"echo\", \"No factory reset supported\"]");

        PackagedDaemon.Run check = launcher("check", "--config", converted.toString());
        assertThat(check.exitCode()).as(check.describe()).isZero();
        assertThat(check.out()).contains(converted + ": configuration valid").contains("1 unit valid");

        // the reference as shipped in the source still holds @config_dir@: refused, with key and line
        Files.writeString(old, reference());
        PackagedDaemon.Run raw = launcher("convert", old.toString());
        assertThat(raw.exitCode()).as(raw.describe()).isEqualTo(65);
        assertThat(raw.err()).contains(old + ":13: UnitsDirectory: ").contains("@config_dir@");

        // a command that needs a shell is refused with how to write it
        Files.writeString(old, "[recoverymanager]\nPlatformRestartCommand = sync && reboot\n");
        PackagedDaemon.Run shell = launcher("convert", old.toString());
        assertThat(shell.exitCode()).as(shell.describe()).isEqualTo(65);
        assertThat(shell.err()).contains(old + ":2: PlatformRestartCommand: \"sync && reboot\" needs a shell");

        PackagedDaemon.Run missing =
                launcher("check", "--config", tmp.resolve("absent.toml").toString());
        assertThat(missing.exitCode()).as(missing.describe()).isEqualTo(66);
    }

    @Test
    void aDaemonStartedOverCLeftoversNamesThemTouchesNeitherAndRuns() throws Exception {
        byte[] before;
        try (SystemdSandbox systemd = SystemdSandbox.start();
                PackagedDaemon daemon = PackagedDaemon.in(tmp).sandbox(systemd).create()) {
            daemon.writeUnit(
                    "app.toml",
                    "service = \"app.service\"\nrelax-time = \"60s\"\n[[action]]\ntype = \"restart-service\"\n");
            Path oldUnit = daemon.unitsDir().resolve("echos1.recovery");
            Files.writeString(oldUnit, "<service relaxtime=\"5\">echos1.service</service>\n");
            Files.createDirectories(daemon.stateDir());
            Path oldDb = daemon.stateDir().resolve("recoverymanager.db");
            writeCDatabase(oldDb);
            before = Files.readAllBytes(oldDb);

            daemon.start().awaitReady();
            String unitAdvice = oldUnit + ": a unit of the original C implementation, not read (only *.toml units"
                    + " are); convert it with: recoverymanager convert " + oldUnit + " --output " + daemon.unitsDir();
            assertThat(daemon.log()).contains(unitAdvice).contains(oldDb + " is the database of the original C");

            daemon.signal(1); // SIGHUP: reload reports it again
            daemon.await(() -> occurrences(daemon.log(), unitAdvice) >= 2, "the reload named the .recovery file");

            PackagedDaemon.Run status = daemon.cli("status");
            assertThat(status.exitCode()).as(status.describe()).isZero();
            assertThat(daemon.stop()).as(daemon.log()).isEqualTo(143);
        }
        Path stateDir = tmp.resolve("state");
        assertThat(stateDir.resolve("recoverymanager.db")).hasBinaryContent(before);
        try (Stream<Path> files = Files.list(stateDir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.contains("corrupt"))
                    .contains("recoverymanager-state.db");
        }
    }

    private static void writeCDatabase(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE Services (HASH UNSIGNED INTEGER PRIMARY KEY NOT NULL, NAME TEXT NOT NULL,"
                    + " PRIVDATA TEXT NOT NULL, PUBLDATA TEXT NOT NULL, RVECTOR NUMERIC NOT NULL,"
                    + " CHKSTART NUMERIC NOT NULL, TIMEOUT NUMERIC NOT NULL)");
            st.executeUpdate(
                    "CREATE TABLE Actions (HASH UNSIGNED INTEGER PRIMARY KEY NOT NULL, SERVICE TEXT NOT NULL,"
                            + " TYPE NUMERIC NOT NULL, TLMIN NUMERIC NOT NULL, TLMAX NUMERIC NOT NULL, RESET NUMERIC NOT NULL)");
            st.executeUpdate("CREATE TABLE Friends (HASH UNSIGNED INTEGER PRIMARY KEY NOT NULL, SERVICE TEXT NOT NULL,"
                    + " FRIEND TEXT NOT NULL, CONTEXT TEXT NOT NULL, TYPE NUMERIC NOT NULL, ACTION NUMERIC NOT NULL,"
                    + " ARGUMENT NUMERIC NOT NULL, DELAY NUMERIC NOT NULL)");
            st.executeUpdate("INSERT INTO Services VALUES (1, 'echos1.service', '', '', 2, 0, 5)");
        }
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
