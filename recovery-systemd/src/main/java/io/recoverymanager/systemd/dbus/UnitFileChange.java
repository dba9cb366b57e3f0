package io.recoverymanager.systemd.dbus;

import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

/**
 * One change reported by {@code MaskUnitFiles} ({@code (sss)}: type, file, destination).
 *
 * <p>Thread-safety: immutable after construction.
 */
public final class UnitFileChange extends Struct {
    @Position(0)
    private final String type;

    @Position(1)
    private final String file;

    @Position(2)
    private final String destination;

    public UnitFileChange(String type, String file, String destination) {
        this.type = type;
        this.file = file;
        this.destination = destination;
    }

    public String getType() {
        return type;
    }

    public String getFile() {
        return file;
    }

    public String getDestination() {
        return destination;
    }
}
