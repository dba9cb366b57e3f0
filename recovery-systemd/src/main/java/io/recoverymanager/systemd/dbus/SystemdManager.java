package io.recoverymanager.systemd.dbus;

import java.util.List;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusMemberName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;

/**
 * {@code org.freedesktop.systemd1.Manager} at {@code /org/freedesktop/systemd1}: the methods and
 * signals the adapter needs.
 *
 * <p>Thread-safety: dbus-java proxies may be called from any thread; each call blocks until its
 * reply (or the global reply timeout).
 */
@DBusInterfaceName("org.freedesktop.systemd1.Manager")
public interface SystemdManager extends DBusInterface {
    /** The manager's object path. */
    String OBJECT_PATH = "/org/freedesktop/systemd1";

    /** The manager's well-known bus name. */
    String BUS_NAME = "org.freedesktop.systemd1";

    /** Asks systemd to emit unit and job signals to this client. */
    @DBusMemberName("Subscribe")
    void subscribe();

    /** Units matching the states (empty: all) and glob patterns (empty: all). */
    @DBusMemberName("ListUnitsByPatterns")
    List<UnitInfo> listUnitsByPatterns(List<String> states, List<String> patterns);

    /** The named units, loading them if needed (an unknown unit reports {@code inactive/dead}). */
    @DBusMemberName("ListUnitsByNames")
    List<UnitInfo> listUnitsByNames(List<String> names);

    /** Queues a restart job ({@code mode}: {@code replace}, {@code fail}, ...); returns the job path. */
    @DBusMemberName("RestartUnit")
    DBusPath restartUnit(String name, String mode);

    /** Queues a start job; returns the job path. */
    @DBusMemberName("StartUnit")
    DBusPath startUnit(String name, String mode);

    /** Queues a stop job; returns the job path. */
    @DBusMemberName("StopUnit")
    DBusPath stopUnit(String name, String mode);

    /** Sends {@code signal} to the unit's processes; {@code whom}: {@code main|control|all}. */
    @DBusMemberName("KillUnit")
    void killUnit(String name, String whom, int signal);

    /** Masks unit files ({@code runtime}: under /run, cleared by a reboot). */
    @DBusMemberName("MaskUnitFiles")
    List<UnitFileChange> maskUnitFiles(List<String> files, boolean runtime, boolean force);

    /** Reloads all unit files ({@code daemon-reload}). */
    @DBusMemberName("Reload")
    void reload();

    /** A unit was loaded. */
    @DBusMemberName("UnitNew")
    class UnitNew extends DBusSignal {
        private final String unitName;
        private final DBusPath unitPath;

        public UnitNew(String path, String unitName, DBusPath unitPath) throws DBusException {
            super(path, unitName, unitPath);
            this.unitName = unitName;
            this.unitPath = unitPath;
        }

        public String unitName() {
            return unitName;
        }

        public DBusPath unitPath() {
            return unitPath;
        }
    }

    /** A unit was unloaded. */
    @DBusMemberName("UnitRemoved")
    class UnitRemoved extends DBusSignal {
        private final String unitName;
        private final DBusPath unitPath;

        public UnitRemoved(String path, String unitName, DBusPath unitPath) throws DBusException {
            super(path, unitName, unitPath);
            this.unitName = unitName;
            this.unitPath = unitPath;
        }

        public String unitName() {
            return unitName;
        }

        public DBusPath unitPath() {
            return unitPath;
        }
    }

    /** A job finished; {@code result}: {@code done}, {@code canceled}, {@code failed}, ... */
    @DBusMemberName("JobRemoved")
    class JobRemoved extends DBusSignal {
        private final UInt32 jobId;
        private final DBusPath jobPath;
        private final String unitName;
        private final String result;

        public JobRemoved(String path, UInt32 jobId, DBusPath jobPath, String unitName, String result)
                throws DBusException {
            super(path, jobId, jobPath, unitName, result);
            this.jobId = jobId;
            this.jobPath = jobPath;
            this.unitName = unitName;
            this.result = result;
        }

        public UInt32 jobId() {
            return jobId;
        }

        public DBusPath jobPath() {
            return jobPath;
        }

        public String unitName() {
            return unitName;
        }

        public String result() {
            return result;
        }
    }

    /** systemd starts ({@code true}) or finished ({@code false}) reloading its configuration. */
    @DBusMemberName("Reloading")
    class Reloading extends DBusSignal {
        private final boolean active;

        public Reloading(String path, boolean active) throws DBusException {
            super(path, active);
            this.active = active;
        }

        public boolean active() {
            return active;
        }
    }
}
