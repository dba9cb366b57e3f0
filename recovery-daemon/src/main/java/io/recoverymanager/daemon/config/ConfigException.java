package io.recoverymanager.daemon.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration could not be loaded; carries every error found, not just the first.
 *
 * <p>Thread-safety: immutable.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a config exception needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public ConfigException(ConfigError error) {
        this(List.of(error));
    }

    /** Every error, in file order. */
    public List<ConfigError> errors() {
        return errors;
    }
}
