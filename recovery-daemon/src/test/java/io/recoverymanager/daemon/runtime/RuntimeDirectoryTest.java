package io.recoverymanager.daemon.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime directory is created 0750, and an unsafe existing one is refused untouched. */
class RuntimeDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void aMissingDirectoryIsCreatedWithMode0750() throws Exception {
        Path dir = RuntimeDirectory.prepare(tmp.resolve("a/b/run"), Optional.empty());
        assertThat(mode(dir)).isEqualTo("rwxr-x---");
    }

    @Test
    void anExistingDirectoryOfTheDaemonIsNarrowedTo0750AndGetsTheGroup() throws Exception {
        Path dir = Files.createDirectory(
                tmp.resolve("run"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        GroupPrincipal nogroup =
                FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByGroupName("nogroup");
        RuntimeDirectory.prepare(dir, Optional.of(nogroup));
        assertThat(mode(dir)).isEqualTo("rwxr-x---");
        assertThat(attributes(dir).group()).isEqualTo(nogroup);
    }

    @Test
    void aSymlinkIsRefusedAndItsTargetLeftAlone() throws Exception {
        Path target = Files.createDirectory(
                tmp.resolve("elsewhere"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path link = Files.createSymbolicLink(tmp.resolve("run"), target);
        assertThatThrownBy(() -> RuntimeDirectory.prepare(link, Optional.empty()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(link + " is a symbolic link");
        assertThat(mode(target)).isEqualTo("rwxr-xr-x");
    }

    @Test
    void aDirectoryOfAnotherUserIsRefused() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("run"));
        Files.setAttribute(dir, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);
        assertThatThrownBy(() -> RuntimeDirectory.prepare(dir, Optional.empty()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(dir + " is owned by")
                .hasMessageContaining("who runs the daemon");
    }

    @Test
    void aDirectoryWritableByOthersIsRefusedUntouched() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("run"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> RuntimeDirectory.prepare(dir, Optional.empty()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(dir + " is writable by others (mode rwxrwxrwx)");
        assertThat(mode(dir)).isEqualTo("rwxrwxrwx");
    }

    @Test
    void aFileIsNotADirectory() throws Exception {
        Path file = Files.writeString(tmp.resolve("run"), "x");
        assertThatThrownBy(() -> RuntimeDirectory.prepare(file, Optional.empty()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file + " is not a directory");
    }

    @Test
    void anUnknownGroupIsNamedInTheError() {
        assertThatThrownBy(() -> RuntimeDirectory.prepareWithGroupName(
                        tmp.resolve("run"), Optional.of("no-such-group-for-recoverymanager")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("control.group: no group named \"no-such-group-for-recoverymanager\"");
    }

    private static PosixFileAttributes attributes(Path path) throws IOException {
        return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(attributes(path).permissions());
    }
}
