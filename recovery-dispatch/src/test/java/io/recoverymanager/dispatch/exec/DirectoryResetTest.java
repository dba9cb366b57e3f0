package io.recoverymanager.dispatch.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recoverymanager.core.unit.DataPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
        assertThatThrownBy(() -> reset.reset(link.resolve("inner").toString()))
                .hasMessageContaining("symbolic link at '" + link + "'");
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

    @Test
    void refusesASymbolicLinkInAnyComponentOfThePath() throws IOException {
        Path real = Files.createDirectories(tmp.resolve("real/app/data"));
        Path keep = Files.writeString(real.resolve("keep"), "x");
        Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("real"));
        String viaLink = tmp.resolve("link/app/data").toString();

        assertThat(reset.refusal(viaLink))
                .contains(tmp.resolve("link").toString())
                .contains("symbolic link");
        assertThatThrownBy(() -> reset.reset(viaLink))
                .hasMessageContaining(tmp.resolve("link").toString())
                .hasMessageContaining("symbolic link");
        assertThat(keep).hasContent("x");
    }

    /**
     * The attack of issue 9: while resets run, the owner of the data directory renames a
     * subdirectory away and puts a symbolic link to another directory, holding files of the same
     * names, in its place, over and over. Deleting by path would resolve the link at some unlink and
     * delete the other directory's files; deleting through directory handles never can.
     */
    @Test
    void symlinkSwapsRacingWithResetsNeverReachTheOtherTree() throws Exception {
        int files = 100;
        int rounds = 20;
        Path data = Files.createDirectory(tmp.resolve("data"));
        Path other = Files.createDirectory(tmp.resolve("other"));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            names.add("f" + i);
            Files.writeString(other.resolve("f" + i), "keep");
        }
        AtomicReference<Path> target = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger swaps = new AtomicInteger();
        Thread attacker = new Thread(
                () -> {
                    while (!stop.get()) {
                        Path sub = target.get();
                        if (sub == null) {
                            Thread.onSpinWait();
                            continue;
                        }
                        Path away = sub.resolveSibling(sub.getFileName() + ".away");
                        try {
                            Files.move(sub, away);
                            Files.createSymbolicLink(sub, other);
                            swaps.incrementAndGet();
                            Files.delete(sub);
                            Files.move(away, sub);
                        } catch (IOException e) {
                            // the reset removed something of ours: try again
                        }
                    }
                },
                "attacker");
        attacker.start();
        int completed = 0;
        try {
            for (int round = 0; round < rounds; round++) {
                Path sub = Files.createDirectory(data.resolve("r" + round));
                Files.createDirectory(sub.resolve("nested"));
                for (String name : names) {
                    Files.writeString(sub.resolve(name), "data");
                    Files.writeString(sub.resolve("nested").resolve(name), "data");
                }
                target.set(sub);
                try {
                    reset.reset(data.toString());
                    completed++;
                } catch (IOException e) {
                    // the race made this round incomplete (e.g. a directory refilled); the data
                    // outside is what matters
                }
            }
        } finally {
            stop.set(true);
            attacker.join(60_000);
        }
        assertThat(attacker.isAlive()).isFalse();
        assertThat(swaps.get()).as("symlink swaps made by the attacker").isPositive();
        assertThat(completed).as("resets that completed").isPositive();
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            Path f = other.resolve(name);
            if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)
                    || !Files.readString(f).equals("keep")) {
                missing.add(name);
            }
        }
        assertThat(missing).as("files of the other tree deleted or changed").isEmpty();
    }
}
