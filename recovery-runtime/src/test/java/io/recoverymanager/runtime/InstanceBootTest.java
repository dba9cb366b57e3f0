package io.recoverymanager.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceBootTest {
    @TempDir
    Path run;

    @Test
    void theIdStaysTheSameAcrossDaemonStartsInOneInstanceBoot() throws IOException {
        String first = InstanceBoot.id("kernel-1", run);

        assertThat(InstanceBoot.id("kernel-1", run)).isEqualTo(first).startsWith("kernel-1/");
    }

    @Test
    void anEmptiedRuntimeDirectoryIsANewBootOfTheInstance() throws IOException {
        String first = InstanceBoot.id("kernel-1", run);
        Files.delete(run.resolve(InstanceBoot.FILE_NAME)); // a container restart empties its /run

        assertThat(InstanceBoot.id("kernel-1", run)).isNotEqualTo(first).startsWith("kernel-1/");
    }

    @Test
    void aNewKernelBootIsANewBootOfTheInstance() throws IOException {
        String first = InstanceBoot.id("kernel-1", run);

        assertThat(InstanceBoot.id("kernel-2", run)).isNotEqualTo(first);
    }

    @Test
    void aGarbledIdFileIsAnErrorNamingTheFile() throws IOException {
        Files.writeString(run.resolve(InstanceBoot.FILE_NAME), "two words\n");

        assertThatThrownBy(() -> InstanceBoot.id("kernel-1", run))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(InstanceBoot.FILE_NAME)
                .hasMessageContaining("not an instance boot id");
    }
}
