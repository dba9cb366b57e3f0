package io.recoverymanager.systemd;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.UInt64;
import org.freedesktop.dbus.types.Variant;

/**
 * What the adapter knows about one service unit, merged from {@code PropertiesChanged} signals,
 * {@code GetAll} replies and {@code ListUnits} entries. Unknown values stay at their "unknown"
 * markers ({@code ""}, {@code -1}) so a partial update never invents data.
 *
 * <p>Thread-safety: not thread-safe; owned by the adapter's event thread (a {@link #copy()} may be
 * handed to another thread through an executor).
 */
final class UnitView {
    static final String UNIT_INTERFACE = "org.freedesktop.systemd1.Unit";
    static final String SERVICE_INTERFACE = "org.freedesktop.systemd1.Service";

    final String service;
    String activeState = "";
    String subState = "";
    String invocationId = "";
    long stateChangeMicros = -1;
    String result = "";
    int execMainCode = -1;
    int execMainStatus = -1;
    long restarts = -1;

    UnitView(String service) {
        this.service = service;
    }

    /** An independent copy (for handing a snapshot to another thread). */
    UnitView copy() {
        UnitView copy = new UnitView(service);
        copy.activeState = activeState;
        copy.subState = subState;
        copy.invocationId = invocationId;
        copy.stateChangeMicros = stateChangeMicros;
        copy.result = result;
        copy.execMainCode = execMainCode;
        copy.execMainStatus = execMainStatus;
        copy.restarts = restarts;
        return copy;
    }

    /** Applies {@code org.freedesktop.systemd1.Unit} properties (values may be Variants). */
    void applyUnitProperties(Map<String, ?> values) {
        String active = string(values.get("ActiveState"));
        if (active != null) {
            activeState = active;
        }
        String sub = string(values.get("SubState"));
        if (sub != null) {
            subState = sub;
        }
        String invocation = invocationHex(unwrap(values.get("InvocationID")));
        if (invocation != null) {
            invocationId = invocation;
        }
        Long changed = number(values.get("StateChangeTimestamp"));
        if (changed != null) {
            stateChangeMicros = changed;
        }
    }

    /** Applies {@code org.freedesktop.systemd1.Service} properties (values may be Variants). */
    void applyServiceProperties(Map<String, ?> values) {
        String res = string(values.get("Result"));
        if (res != null) {
            result = res;
        }
        Long code = number(values.get("ExecMainCode"));
        if (code != null) {
            execMainCode = code.intValue();
        }
        Long status = number(values.get("ExecMainStatus"));
        if (status != null) {
            execMainStatus = status.intValue();
        }
        Long nRestarts = number(values.get("NRestarts"));
        if (nRestarts != null) {
            restarts = nRestarts;
        }
    }

    /** Applies the states of a {@code ListUnits} entry. */
    void applyListing(String active, String sub) {
        activeState = active;
        subState = sub;
    }

    /** True when the unit's failure identity and result are known. */
    boolean hasFailureDetails() {
        return stateChangeMicros >= 0 && !result.isEmpty();
    }

    private static Object unwrap(Object value) {
        return value instanceof Variant<?> variant ? variant.getValue() : value;
    }

    private static String string(Object value) {
        Object v = unwrap(value);
        return v instanceof String s ? s : null;
    }

    static Long number(Object value) {
        Object v = unwrap(value);
        if (v instanceof UInt64 u) {
            return u.longValue();
        }
        if (v instanceof UInt32 u) {
            return u.longValue();
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        return null;
    }

    /** systemd sends the invocation id as {@code ay}; dbus-java gives a byte[] or a List. */
    static String invocationHex(Object value) {
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        if (value instanceof List<?> list) {
            byte[] bytes = new byte[list.size()];
            for (int i = 0; i < bytes.length; i++) {
                if (!(list.get(i) instanceof Number n)) {
                    return null;
                }
                bytes[i] = n.byteValue();
            }
            return HexFormat.of().formatHex(bytes);
        }
        return null;
    }
}
