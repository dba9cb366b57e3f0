package io.recoverymanager.daemon.wiring;

import io.recoverymanager.dispatch.RunModeDetector;
import io.recoverymanager.runtime.AtomicTextFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run mode the daemon decided at start, written where {@code status} finds it and removed at
 * close.
 *
 * <p>Thread-safety: stateless.
 */
public final class RunModeFile {
    private static final Logger LOG = LoggerFactory.getLogger(RunModeFile.class);

    private RunModeFile() {}

    /**
     * Writes the decision (a new temporary file, O_EXCL|O_NOFOLLOW and 0644, then a rename: never
     * through a planted link); returns what removes it again, or a no-op when it could not be written.
     */
    public static AutoCloseable record(Path file, RunModeDetector.Decision mode) {
        try {
            AtomicTextFile.write(file, mode.mode().name().toLowerCase(Locale.ROOT) + " (" + mode.reason() + ")\n");
            return () -> Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot record the run mode in {}: {}", file, e.getMessage());
            return () -> {};
        }
    }
}
