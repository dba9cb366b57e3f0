package io.recoverymanager.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.testkit.sandbox.SystemdSandbox;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's AppCDS archive (issue 11, P5), through the packaged launcher against a sandboxed
 * systemd: where systemd gives the service a cache directory ({@code CACHE_DIRECTORY}), the first
 * {@code run} records an archive of the daemon's classes when it exits, the next start checks it and
 * then maps the daemon's classes from it; a truncated, corrupt or unfinished archive only costs the
 * archive, never the start; a cache directory others may write to is not used (an archive is code).
 */
class LauncherClassDataSharingIT {
    private static final String SHARED_DAEMON_CLASS =
            "io.recoverymanager.daemon.cli.RecoveryManagerCommand source: shared objects file (top)";

    @TempDir
    Path tmp;

    @Test
    void theFirstRunRecordsAnArchiveTheNextStartsUseAndABrokenOneOnlyFallsBack() throws Exception {
        Path cache = Files.createDirectory(tmp.resolve("cache"));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (SystemdSandbox systemd = SystemdSandbox.start();
                PackagedDaemon daemon = PackagedDaemon.in(tmp.resolve("home"))
                        .sandbox(systemd)
                        .env("CACHE_DIRECTORY", cache.toString())
                        .env("JAVA_OPTS", "-Xlog:class+load=info")
                        .create()) {
            // 1. No archive yet: this start records one when the JVM exits.
            daemon.start().awaitReady();
            assertThat(daemon.log()).doesNotContain(SHARED_DAEMON_CLASS);
            assertThat(daemon.stop()).as(daemon.log()).isEqualTo(143);
            assertOnlyARecording(cache, "recorded at exit");

            // 2. The recording is checked, kept under its size, and the daemon's classes come from it.
            startAndStop(daemon, true);
            Path archive = onlyArchive(cache);
            assertThat(archive.getFileName().toString()).endsWith("-" + Files.size(archive) + ".jsa");

            // 3. Corrupt inside, header and size intact: the checksums reject it, the JDK's own archive
            // is used instead, the daemon starts and stops as always.
            overwriteMiddle(archive);
            startAndStop(daemon, false);

            // 4. Truncated (mapping it would crash the JVM): deleted unread, the start records anew.
            truncateToHalf(archive);
            startAndStop(daemon, false);
            assertOnlyARecording(cache, "recorded again");

            // 5. An unfinished recording (killed while writing it): the check refuses it, the start
            // goes on without it and records anew.
            Path recording = files(cache).get(0);
            truncateToHalf(recording);
            startAndStop(daemon, false);
            assertOnlyARecording(cache, "recorded again");

            // 6. And the complete one is used again.
            startAndStop(daemon, true);
        }
    }

    /** Starts the daemon until ready, checks whether its classes came from the archive, stops it. */
    private static void startAndStop(PackagedDaemon daemon, boolean mapsTheArchive) throws Exception {
        daemon.start().awaitReady();
        if (mapsTheArchive) {
            assertThat(sinceLastStart(daemon.log())).contains(SHARED_DAEMON_CLASS);
        } else {
            assertThat(sinceLastStart(daemon.log())).doesNotContain(SHARED_DAEMON_CLASS);
        }
        assertThat(daemon.stop()).as(daemon.log()).isEqualTo(143);
    }

    /** The cache holds one file only: an unchecked recording. */
    private static void assertOnlyARecording(Path cache, String why) throws Exception {
        assertThat(files(cache)).as(why).singleElement().asString().endsWith(".new");
    }

    @Test
    void aCacheDirectoryOthersMayWriteToIsNotUsed() throws Exception {
        Path cache = Files.createDirectory(tmp.resolve("cache"));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (SystemdSandbox systemd = SystemdSandbox.start();
                PackagedDaemon daemon = PackagedDaemon.in(tmp.resolve("home"))
                        .sandbox(systemd)
                        .env("CACHE_DIRECTORY", cache.toString())
                        .create()) {
            daemon.start().awaitReady();
            assertThat(daemon.stop()).as(daemon.log()).isEqualTo(143);
            assertThat(files(cache))
                    .as("nothing recorded into a world-writable directory")
                    .isEmpty();
        }
    }

    /** The log of the current start only (each start writes a {@code ---- start N ----} marker). */
    private static String sinceLastStart(String log) {
        return log.substring(log.lastIndexOf("---- start "));
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    private static Path onlyArchive(Path cache) throws IOException {
        List<Path> all = files(cache);
        assertThat(all).as("one checked archive").singleElement().asString().endsWith(".jsa");
        return all.get(0);
    }

    private static void overwriteMiddle(Path file) throws IOException {
        file.toFile().setWritable(true, true);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] junk = new byte[64 * 1024];
            Arrays.fill(junk, (byte) 0x5a);
            raf.seek(raf.length() / 2);
            raf.write(junk);
        }
    }

    private static void truncateToHalf(Path file) throws IOException {
        file.toFile().setWritable(true, true);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() / 2);
        }
    }
}
