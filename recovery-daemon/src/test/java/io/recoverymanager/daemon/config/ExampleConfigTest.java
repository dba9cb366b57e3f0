package io.recoverymanager.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The shipped example configuration documents exactly the defaults. */
class ExampleConfigTest {
    @Test
    void exampleConfigurationParsesToTheDefaults() throws Exception {
        Path example = Path.of("examples/recoverymanager.toml");
        assertThat(example).exists();
        assertThat(new ConfigLoader().parse(example.toString(), Files.readString(example)))
                .isEqualTo(DaemonConfig.defaults());
    }
}
