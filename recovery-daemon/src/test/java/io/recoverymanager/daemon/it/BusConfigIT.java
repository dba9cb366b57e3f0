package io.recoverymanager.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code bus} setting parses into systemd's own bus address type, through the packaged
 * launcher: a value the transport cannot use (a tcp address, an address list) is refused when the
 * configuration is read, naming the file, the line, the key and the accepted forms, instead of
 * failing later when the daemon connects; the forms it can use are accepted.
 */
class BusConfigIT {
    @TempDir
    Path tmp;

    private PackagedDaemon.Run check(String busLine) throws Exception {
        Path units = Files.createDirectories(tmp.resolve("units"));
        Path config = tmp.resolve("recoverymanager.toml");
        Files.writeString(config, "units-dir = \"" + units + "\"\n" + busLine + "\n");
        return PackagedDaemon.runLauncher(tmp, Map.of(), List.of("check", "--config", config.toString()));
    }

    @Test
    void anAddressTheTransportCannotUseIsAConfigErrorWithFileAndLine() throws Exception {
        Path config = tmp.resolve("recoverymanager.toml");
        for (String bad : List.of("tcp:host=localhost,port=1", "unix:path=/a;unix:path=/b", "session bus")) {
            PackagedDaemon.Run run = check("bus = \"" + bad + "\"");
            assertThat(run.exitCode()).as(run.describe()).isEqualTo(78);
            assertThat(run.out() + run.err())
                    .as(run.describe())
                    .contains(config + ":2: bus: \"" + bad + "\" must be system, user, private or a D-Bus address"
                            + " such as unix:path=/run/dbus/system_bus_socket");
        }
    }

    @Test
    void theFormsTheTransportCanUseAreAccepted() throws Exception {
        for (String good : List.of(
                "system",
                "user",
                "private",
                "private:/run/user/0/systemd/private",
                "unix:path=/run/dbus/system_bus_socket")) {
            PackagedDaemon.Run run = check("bus = \"" + good + "\"");
            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.out()).as(run.describe()).contains("configuration valid");
        }
    }
}
