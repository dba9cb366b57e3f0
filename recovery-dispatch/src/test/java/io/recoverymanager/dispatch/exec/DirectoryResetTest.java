package io.recoverymanager.dispatch.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recoverymanager.core.unit.DataPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryResetTest {
    @TempDir
    Path tmp;

    private final DirectoryReset reset = new DirectoryReset(DataPaths::problem);

    @Test
    void deletesContentsKeepsTheDirectoryAndNeverFollowsLinksOut() throws IOException {
        Path data = Files.createDirectory(tmp.resolve("data"));
        Files.createDirectories(data.resolve("a/b/c"));
        Files.writeString(data.resolve("a/b/c/f"), "x");
        Files.writeString(data.resolve("top"), "x");
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Path precious = Files.writeString(outside.resolve("precious"), "keep me");
        Files.createSymbolicLink(data.resolve("link-to-dir"), outside);
        Files.createSymbolicLink(data.resolve("a/link-to-file"), precious);
        Files.createSymbolicLink(data.resolve("dangling"), tmp.resolve("nowhere"));

        String done = reset.reset(data.toString());

        assertThat(data).isDirectory();
        try (var s = Files.list(data)) {
            assertThat(s).isEmpty();
        }
        assertThat(precious).hasContent("keep me");
        assertThat(outside).isDirectory();
        assertThat(done).contains("deleted 8 entries");
    }

    @Test
    void refusesADirectoryThatIsASymlinkOrReachedThroughOne() throws IOException {
        Path real = Files.createDirectory(tmp.resolve("real"));
        Path keep = Files.writeString(real.resolve("keep"), "x");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        assertThatThrownBy(() -> reset.reset(link.toString())).hasMessageContaining("symbolic link");
        Files.createDirectory(real.resolve("inner"));
        Files.writeString(real.resolve("inner/f"), "x");
        assertThatThrownBy(() -> reset.reset(link.resolve("inner").toString())).hasMessageContaining("resolves to");
        assertThat(keep).exists();
        assertThat(real.resolve("inner/f")).exists();
    }

    @Test
    void refusesGuardedAndMalformedPaths() {
        assertThatThrownBy(() -> reset.reset("/etc")).hasMessageContaining("system directory");
        assertThatThrownBy(() -> reset.reset("/usr/lib/x")).hasMessageContaining("system tree /usr");
        assertThatThrownBy(() -> reset.reset("/")).hasMessageContaining("root directory");
        assertThatThrownBy(() -> reset.reset("relative/dir")).hasMessageContaining("must be an absolute path");
        assertThatThrownBy(() -> reset.reset(tmp + "/x/../y")).hasMessageContaining("not normalized");
        assertThatThrownBy(() -> reset.reset("/var/lib")).hasMessageContaining("system directory");
        assertThat(DataPaths.problem("/var/lib/myservice")).isEmpty();
    }

    @Test
    void refusesAFileAndAcceptsAMissingDirectory() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertThatThrownBy(() -> reset.reset(file.toString())).hasMessageContaining("not a directory");
        assertThat(file).exists();
        assertThat(reset.reset(tmp.resolve("missing").toString())).contains("does not exist");
        assertThat(Files.exists(tmp.resolve("missing"), LinkOption.NOFOLLOW_LINKS))
                .isFalse();
    }
}
