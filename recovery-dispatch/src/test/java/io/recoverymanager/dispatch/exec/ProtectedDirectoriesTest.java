package io.recoverymanager.dispatch.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.unit.DataPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtectedDirectoriesTest {
    @TempDir
    Path tmp;

    @Test
    void refusesTheDaemonsDirectoriesWhatIsInsideThemAndWhatContainsThem() throws Exception {
        Path state = Files.createDirectories(tmp.resolve("srv/rmgr/state"));
        Path runtime = tmp.resolve("run/rmgr");
        Path units = tmp.resolve("etc/units");
        ProtectedDirectories check = new ProtectedDirectories(
                DataPaths::problem, Map.of("state", state, "runtime", runtime, "units", units));

        assertThat(check.problem(state.toString()))
                .hasValueSatisfying(p -> assertThat(p).contains("the daemon's state directory " + state));
        assertThat(check.problem(runtime + "/sockets"))
                .hasValueSatisfying(p -> assertThat(p).contains("runtime directory " + runtime + " or inside it"));
        assertThat(check.problem(units.toString()))
                .hasValueSatisfying(p -> assertThat(p).contains("units directory"));
        assertThat(check.problem(tmp.resolve("srv").toString()))
                .hasValueSatisfying(p -> assertThat(p).contains("contains the daemon's state directory " + state));
        assertThat(check.problem("/etc")).hasValueSatisfying(p -> assertThat(p).contains("system directory"));

        assertThat(check.problem(tmp.resolve("srv/app/data").toString())).isEmpty();
        assertThat(check.problem(tmp.resolve("srv/rmgr/state-of-app").toString()))
                .isEmpty();
    }

    @Test
    void aDirectoryReachedThroughALinkIsProtectedUnderItsRealPathToo() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("real/state"));
        Files.createSymbolicLink(tmp.resolve("alias"), tmp.resolve("real"));
        ProtectedDirectories check =
                new ProtectedDirectories(DataPaths::problem, Map.of("state", tmp.resolve("alias/state")));

        assertThat(check.problem(real.resolve("db").toString())).isPresent();
        assertThat(check.problem(tmp.resolve("alias/state/db").toString())).isPresent();
    }
}
