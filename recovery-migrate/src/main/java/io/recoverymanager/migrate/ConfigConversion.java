package io.recoverymanager.migrate;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of converting the C implementation's configuration file.
 *
 * <p>Thread-safety: immutable.
 */
public sealed interface ConfigConversion {
    /** The file converted. */
    String source();

    /**
     * A converted configuration.
     *
     * @param source the old file's name
     * @param toml the TOML configuration text
     */
    record Converted(String source, String toml) implements ConfigConversion {
        public Converted {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(toml, "toml");
        }
    }

    /** A file that cannot be converted, with every problem found. */
    record Failed(String source, List<ConversionError> errors) implements ConfigConversion {
        public Failed {
            Objects.requireNonNull(source, "source");
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("a failed conversion needs at least one error");
            }
        }
    }
}
