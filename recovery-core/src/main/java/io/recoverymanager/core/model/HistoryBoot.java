package io.recoverymanager.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One boot of an instance as the history knows it: the rows written with its boot id.
 *
 * @param bootId the boot id ({@link HistoryEntry#bootId()}), never empty
 * @param first the time of its first row
 * @param last the time of its last row
 * @param rows how many rows it wrote
 *     <p>Thread-safety: immutable.
 */
public record HistoryBoot(String bootId, Instant first, Instant last, long rows) {
    public HistoryBoot {
        Objects.requireNonNull(bootId, "bootId");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (bootId.isEmpty()) {
            throw new IllegalArgumentException("empty boot id");
        }
    }
}
