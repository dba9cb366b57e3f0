package io.recoverymanager.systemd;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.types.Variant;

/**
 * What the adapter knows of each service's own restart policy, so a failure of a service systemd
 * never restarts by itself is reported straight from its {@code PropertiesChanged} signal, without
 * the read-back that tells a real failure from the instant of {@code failed} before an automatic
 * restart (see {@link FailureDetector}).
 *
 * <p>Exact, not a guess: systemd 252 restarts a failed service by itself only when {@code Restart=}
 * applies or its exit status is in {@code RestartForceExitStatus=}; a service with {@code
 * Restart=no} and an empty {@code RestartForceExitStatus=} is never restarted by systemd. Both are
 * read once per unit (off the event thread, when the unit is first seen changing), and forgotten
 * when systemd reloads (unit files may have changed), when the unit goes away and after a resync.
 * Until a policy is known, and when it cannot be read or understood, failures are confirmed by
 * reading back.
 *
 * <p>Thread-safety: not thread-safe; owned by the adapter's event thread.
 */
final class RestartPolicies {
    private final Map<String, Boolean> neverRestartsItself = new HashMap<>();
    private final Set<String> fetching = new HashSet<>();
    private long generation;

    /** True only when the service's policy is known and systemd never restarts it by itself. */
    boolean neverRestartsItself(String service) {
        return Boolean.TRUE.equals(neverRestartsItself.get(service));
    }

    /** Whether the policy is known (either way). */
    boolean isKnown(String service) {
        return neverRestartsItself.containsKey(service);
    }

    /** True when the policy is neither known nor being read. */
    boolean needsFetch(String service) {
        return !neverRestartsItself.containsKey(service) && !fetching.contains(service);
    }

    /** Notes that the policy is being read; returns the token to hand back to {@link #fetched}. */
    long fetching(String service) {
        fetching.add(service);
        return generation;
    }

    /** The policy read; dropped when everything was forgotten since the read began. */
    void fetched(String service, long token, boolean neverByItself) {
        if (token != generation) {
            return;
        }
        fetching.remove(service);
        neverRestartsItself.put(service, neverByItself);
    }

    /** Forgets one unit (it went away). */
    void forget(String service) {
        neverRestartsItself.remove(service);
        fetching.remove(service);
    }

    /** Forgets every unit (systemd reloaded or was reconnected to). */
    void forgetAll() {
        neverRestartsItself.clear();
        fetching.clear();
        generation++;
    }

    /**
     * Whether these values of {@code Restart} ({@code s}) and {@code RestartForceExitStatus} ({@code
     * (aiai)}) mean systemd never restarts the service by itself; false for anything not understood.
     */
    static boolean neverRestartsItself(Object restart, Object forceExitStatus) {
        return "no".equals(unwrap(restart)) && isEmptyStatusSet(unwrap(forceExitStatus));
    }

    private static boolean isEmptyStatusSet(Object value) {
        if (value instanceof Struct struct) {
            return allEmpty(struct.getParameters());
        }
        if (value instanceof Object[] parts) {
            return allEmpty(parts);
        }
        if (value instanceof Collection<?> parts) {
            return allEmpty(parts.toArray());
        }
        return false;
    }

    private static boolean allEmpty(Object[] parts) {
        if (parts == null || parts.length == 0) {
            return false;
        }
        for (Object part : parts) {
            Object p = unwrap(part);
            boolean empty = (p instanceof Collection<?> c && c.isEmpty())
                    || (p instanceof Object[] a && a.length == 0)
                    || (p instanceof int[] i && i.length == 0);
            if (!empty) {
                return false;
            }
        }
        return true;
    }

    private static Object unwrap(Object value) {
        return value instanceof Variant<?> variant ? variant.getValue() : value;
    }
}
