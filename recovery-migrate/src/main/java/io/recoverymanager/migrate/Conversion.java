package io.recoverymanager.migrate;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of converting one old-format unit.
 *
 * <p>Thread-safety: immutable.
 */
public sealed interface Conversion {
    /** The file converted. */
    String source();

    /**
     * A converted unit.
     *
     * @param source the old file's name
     * @param service the service the unit governs
     * @param toml the TOML unit text
     */
    record Converted(String source, String service, String toml) implements Conversion {
        public Converted {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(toml, "toml");
        }
    }

    /** A file that cannot be converted, with every problem found. */
    record Failed(String source, List<ConversionError> errors) implements Conversion {
        public Failed {
            Objects.requireNonNull(source, "source");
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("a failed conversion needs at least one error");
            }
        }
    }
}
