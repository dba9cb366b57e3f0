package io.recoverymanager.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicTextFileTest {
    @TempDir
    Path tmp;

    @Test
    void aSymlinkPlantedAtTheTemporaryPathIsNeverOpened() throws Exception {
        Path outside = Files.writeString(tmp.resolve("outside"), "precious");
        Path target = tmp.resolve("run-mode");
        Files.createSymbolicLink(tmp.resolve(".run-mode.fixed.tmp"), outside);

        assertThatThrownBy(() -> AtomicTextFile.write(target, "master\n", () -> "fixed"))
                .hasMessageContaining(target.toString());

        assertThat(outside).hasContent("precious");
        assertThat(target).doesNotExist();
    }

    @Test
    void aSymlinkAtTheTargetIsReplacedNotFollowedAndTheModeIsAtMost0644() throws Exception {
        Path outside = Files.writeString(tmp.resolve("outside"), "precious");
        Path target = Files.createSymbolicLink(tmp.resolve("run-mode"), outside);

        AtomicTextFile.write(target, "master\n");

        assertThat(outside).hasContent("precious");
        assertThat(Files.isSymbolicLink(target)).isFalse();
        assertThat(target).hasContent("master\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
                .isIn("rw-r--r--", "rw-r-----", "rw-------");
        try (var files = Files.list(tmp)) {
            assertThat(files).as("no temporary file left").hasSize(2);
        }
    }
}
