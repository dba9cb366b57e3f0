package io.recoverymanager.core.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DataPathsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {"/var/lib/echo", "/var/lib/echo/public", "/srv/echo", "/data", "/home/user/echo", "/opt/a.b/c"})
    void acceptsServiceOwnDirectories(String path) {
        assertThat(DataPaths.problem(path)).isEmpty();
        assertThat(DataPaths.requireSafe(path)).isEqualTo(path);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|must not be empty",
                "var/lib/echo|must be an absolute path (start with /), was \"var/lib/echo\"",
                "./echo|must be an absolute path",
                "/|must not be / (the root directory)",
                "//|is not normalized: it contains //",
                "/var//lib/echo|is not normalized: it contains //",
                "/var/lib/echo/|is not normalized: remove the trailing /",
                "/var/lib/echo/..|is not normalized: it contains a \"..\" segment",
                "/var/../etc/echo|is not normalized: it contains a \"..\" segment",
                "/var/./lib/echo|is not normalized: it contains a \".\" segment",
                "/var/lib/echo/.|is not normalized: it contains a \".\" segment",
            })
    void rejectsWithAReason(String path, String reason) {
        assertThat(DataPaths.problem(path))
                .hasValueSatisfying(p -> assertThat(p).startsWith(reason));
    }

    @Test
    void rejectsControlCharacters() {
        assertThat(DataPaths.problem("/var/lib/echo\n/x")).contains("must not contain control characters");
        assertThat(DataPaths.problem("/var/lib/echo\0")).contains("must not contain control characters");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32", "/lib64", "/libx32", "/media", "/mnt",
                "/opt", "/proc", "/root", "/run", "/sbin", "/sys", "/tmp", "/usr", "/var"
            })
    void rejectsEveryTopLevelSystemDirectory(String path) {
        assertThat(DataPaths.problem(path))
                .hasValueSatisfying(p -> assertThat(p).startsWith("must not be the system directory " + path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/var/lib", "/var/log", "/usr/lib", "/usr/local", "/etc/systemd", "/var/cache"})
    void rejectsWellKnownSharedDirectories(String path) {
        assertThat(DataPaths.problem(path))
                .hasValueSatisfying(p -> assertThat(p).startsWith("must not be the system directory " + path));
    }

    @Test
    void requireSafeNamesPathAndReason() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DataPaths.requireSafe("/etc"))
                .withMessageStartingWith("data path \"/etc\" must not be the system directory /etc");
    }
}
