package io.recoverymanager.core.purityfixtures;

import java.nio.file.Files;
import java.nio.file.Path;

/** Breaks the no-java.nio.file rule. */
public final class ReadsWithNioFiles {
    private ReadsWithNioFiles() {}

    public static boolean exists(String path) {
        return Files.exists(Path.of(path));
    }
}
