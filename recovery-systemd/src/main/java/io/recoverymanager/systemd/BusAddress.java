package io.recoverymanager.systemd;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the adapter reaches systemd: the system bus, the user's session bus (to watch a {@code
 * systemd --user} manager), systemd's own peer-to-peer socket (minimal containers often run systemd
 * without any dbus-daemon), or an explicit D-Bus address.
 *
 * <p>This is the one bus address type: the daemon's {@code bus} setting and {@code --bus} option
 * parse into it. {@code private} has one meaning everywhere: the private socket of the manager this
 * process would talk to ({@link #privateOwn()}).
 *
 * <p>Only {@code unix:path=} addresses are supported by the native unix-socket transport (no
 * abstract sockets, no address lists).
 *
 * <p>Thread-safety: all implementations are immutable.
 */
public sealed interface BusAddress {

    /** The system bus ({@code DBUS_SYSTEM_BUS_ADDRESS} or the default system socket). */
    record SystemBus() implements BusAddress {
        @Override
        public String toString() {
            return "system";
        }
    }

    /** The session bus ({@code DBUS_SESSION_BUS_ADDRESS}), where a {@code systemd --user} lives. */
    record SessionBus() implements BusAddress {
        @Override
        public String toString() {
            return "user";
        }
    }

    /**
     * A direct peer-to-peer connection to systemd's private socket (no dbus-daemon involved).
     *
     * @param socket the socket path, e.g. {@code /run/systemd/private}
     */
    record PrivateSocket(Path socket) implements BusAddress {
        public PrivateSocket {
            Objects.requireNonNull(socket, "socket");
            if (!socket.isAbsolute()) {
                throw new IllegalArgumentException("BusAddress.PrivateSocket: path must be absolute: " + socket);
            }
        }

        /** The D-Bus address of the socket. */
        public String address() {
            return "unix:path=" + socket;
        }

        @Override
        public String toString() {
            return "private:" + socket;
        }
    }

    /**
     * A D-Bus message bus at an explicit address.
     *
     * @param address a {@code unix:path=...} address
     */
    record Explicit(String address) implements BusAddress {
        public Explicit {
            Objects.requireNonNull(address, "address");
            if (!address.startsWith("unix:path=") || address.length() == "unix:path=".length()) {
                throw new IllegalArgumentException(
                        "BusAddress.Explicit: only 'unix:path=<socket>' addresses are supported, got '" + address
                                + "'");
            }
            if (address.indexOf(';') >= 0 || address.indexOf(',') >= 0) {
                throw new IllegalArgumentException(
                        "BusAddress.Explicit: address lists and extra keys are not supported, got '" + address + "'");
            }
        }

        @Override
        public String toString() {
            return address;
        }
    }

    /** The system bus. */
    static BusAddress system() {
        return new SystemBus();
    }

    /** The session bus of the current user. */
    static BusAddress session() {
        return new SessionBus();
    }

    /** The system manager's private socket, {@code /run/systemd/private}. */
    static BusAddress privateSystem() {
        return new PrivateSocket(Path.of("/run/systemd/private"));
    }

    /**
     * The user manager's private socket, {@code $XDG_RUNTIME_DIR/systemd/private}.
     *
     * @throws IllegalStateException when {@code XDG_RUNTIME_DIR} is not set
     */
    static BusAddress privateUser() {
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        if (runtimeDir == null || runtimeDir.isBlank()) {
            throw new IllegalStateException("BusAddress.privateUser: XDG_RUNTIME_DIR is not set");
        }
        return new PrivateSocket(Path.of(runtimeDir, "systemd", "private"));
    }

    /**
     * The private socket of the manager this process talks to: the system manager's ({@code
     * /run/systemd/private}) for root, else the user manager's ({@code
     * $XDG_RUNTIME_DIR/systemd/private}), or the system manager's when {@code XDG_RUNTIME_DIR} is
     * not set.
     */
    static BusAddress privateOwn() {
        return privateOwn("root".equals(System.getProperty("user.name")), System.getenv("XDG_RUNTIME_DIR"));
    }

    /**
     * {@link #privateOwn()} for a given user and runtime directory.
     *
     * @param root whether the process runs as root
     * @param runtimeDir {@code XDG_RUNTIME_DIR}, or null when unset
     */
    static BusAddress privateOwn(boolean root, String runtimeDir) {
        return root || runtimeDir == null || runtimeDir.isBlank()
                ? privateSystem()
                : new PrivateSocket(Path.of(runtimeDir, "systemd", "private"));
    }

    /** What {@link #parse} accepts, in the words of the configuration's error messages. */
    static String acceptedForms() {
        return "system, user, private or a D-Bus address such as unix:path=/run/dbus/system_bus_socket";
    }

    /** {@link #parse}, empty instead of an exception when the value is not a bus address. */
    static Optional<BusAddress> tryParse(String value) {
        try {
            return Optional.of(parse(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Parses a configuration value: {@code system}, {@code user} (or {@code session}), {@code
     * private} ({@link #privateOwn()}), {@code private:<path>}, or {@code unix:path=<socket>}.
     *
     * @throws IllegalArgumentException naming the value and what is accepted
     */
    static BusAddress parse(String value) {
        Objects.requireNonNull(value, "value");
        String v = value.strip();
        if (v.equals("system")) {
            return system();
        }
        if (v.equals("user") || v.equals("session")) {
            return session();
        }
        if (v.equals("private")) {
            return privateOwn();
        }
        if (v.startsWith("private:")) {
            return new PrivateSocket(Path.of(v.substring("private:".length())));
        }
        if (v.startsWith("unix:")) {
            return new Explicit(v);
        }
        throw new IllegalArgumentException("bus '" + value
                + "': expected system, user, session, private, private:<socket path> or unix:path=<socket>");
    }
}
