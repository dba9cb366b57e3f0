package io.recoverymanager.daemon.config;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which D-Bus the daemon talks to systemd on: the system bus, the user bus, systemd's private
 * socket, or an explicit D-Bus address.
 *
 * @param kind which bus
 * @param address the D-Bus address for {@link Kind#ADDRESS}, empty otherwise
 *     <p>Thread-safety: immutable.
 */
public record BusSetting(Kind kind, String address) {
    private static final Pattern ADDRESS =
            Pattern.compile("[a-z][a-z0-9-]*:([A-Za-z0-9_-]+=[^,;]*(,[A-Za-z0-9_-]+=[^,;]*)*)?(;.+)?");

    /** The kinds of bus. */
    public enum Kind {
        SYSTEM,
        USER,
        PRIVATE,
        ADDRESS
    }

    public BusSetting {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(address, "address");
        if ((kind == Kind.ADDRESS) == address.isEmpty()) {
            throw new IllegalArgumentException("an address is given exactly for the ADDRESS kind");
        }
    }

    /** The system bus, the default. */
    public static final BusSetting SYSTEM = new BusSetting(Kind.SYSTEM, "");

    /** Parses {@code system}, {@code user}, {@code private} or a D-Bus address. */
    public static Optional<BusSetting> parse(String text) {
        return switch (text) {
            case "system" -> Optional.of(SYSTEM);
            case "user" -> Optional.of(new BusSetting(Kind.USER, ""));
            case "private" -> Optional.of(new BusSetting(Kind.PRIVATE, ""));
            default -> ADDRESS.matcher(text).matches()
                    ? Optional.of(new BusSetting(Kind.ADDRESS, text))
                    : Optional.empty();
        };
    }

    /** What {@link #parse} accepts, for error messages. */
    public static String acceptedForms() {
        return "system, user, private or a D-Bus address such as unix:path=/run/dbus/system_bus_socket";
    }

    @Override
    public String toString() {
        return kind == Kind.ADDRESS ? address : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
