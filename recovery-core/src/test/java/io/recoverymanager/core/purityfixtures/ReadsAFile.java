package io.recoverymanager.core.purityfixtures;

import java.io.File;

/** Breaks the no-file-I/O rule. */
public final class ReadsAFile {
    private ReadsAFile() {}

    public static boolean exists(String path) {
        return new File(path).exists();
    }
}
