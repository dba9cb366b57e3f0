package io.recoverymanager.core.unit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataPathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/var/lib/echo", "/var/lib/echo/public", "/data/app", "/home/user/app"})
    void acceptsNormalizedPathsBelowSystemDirectories(String path) {
        assertThat(DataPaths.problem(path)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "relative", "/var/../etc", "/var/lib/", "/etc", "/sys", "/dev", "/var/lib\n"})
    void refusesUnsafePaths(String path) {
        assertThat(DataPaths.problem(path)).isPresent();
    }
}
