package io.recoverymanager.daemon.metrics;

import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.core.spi.RecoveryListener;
import io.recoverymanager.daemon.runtime.AtomicTextFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts engine events and writes them in the Prometheus text exposition format to a file that
 * node_exporter's textfile collector reads. Counting is in memory ({@link #onEvent} is cheap enough
 * for the engine's loop); {@link #write()} replaces the file atomically (temporary file, then
 * rename) and is meant to be called off the loop, e.g. every few seconds by a timer, and at
 * shutdown.
 *
 * <p>Metrics: {@code recoverymanager_failures_total{service}}, {@code
 * recoverymanager_actions_total{action}}, {@code recoverymanager_rvector{service}}, {@code
 * recoverymanager_exhausted_total{service}}, {@code recoverymanager_recovered_total{service}},
 * {@code recoverymanager_meditation}.
 *
 * <p>Thread-safety: thread-safe; counters are guarded by this object's lock.
 */
public final class PrometheusTextfile implements RecoveryListener {
    private static final Logger LOG = LoggerFactory.getLogger(PrometheusTextfile.class);

    private final Path file;
    private final Map<String, Long> failures = new TreeMap<>();
    private final Map<String, Long> actions = new TreeMap<>();
    private final Map<String, Integer> rvectors = new TreeMap<>();
    private final Map<String, Long> exhausted = new TreeMap<>();
    private final Map<String, Long> recovered = new TreeMap<>();
    private final Map<String, Long> held = new TreeMap<>();
    private boolean meditating;
    private boolean storeDegraded;
    private long version;
    private long writtenVersion = -1;

    /** @param file the {@code .prom} file to write */
    public PrometheusTextfile(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public synchronized void onEvent(RecoveryEvent event) {
        String service = event.service();
        if (event instanceof RecoveryEvent.FailureObserved f) {
            if (!f.managed()) {
                return;
            }
            failures.merge(service, 1L, Long::sum);
            rvectors.put(service, f.rvector());
        } else if (event instanceof RecoveryEvent.ActionIssued || event instanceof RecoveryEvent.ActionForwarded) {
            actions.merge(event.action(), 1L, Long::sum);
        } else if (event instanceof RecoveryEvent.Exhausted) {
            exhausted.merge(service, 1L, Long::sum);
        } else if (event instanceof RecoveryEvent.Recovered) {
            recovered.merge(service, 1L, Long::sum);
            rvectors.put(service, 0);
        } else if (event instanceof RecoveryEvent.ManualReset) {
            rvectors.put(service, 0);
        } else if (event instanceof RecoveryEvent.UnitChanged || event instanceof RecoveryEvent.UnitRemoved) {
            // the store reset every rvector the unit governed (all instances, for templates)
            String prefix =
                    service.endsWith("@.service") ? service.substring(0, service.length() - ".service".length()) : null;
            rvectors.replaceAll((s, r) -> s.equals(service) || (prefix != null && s.startsWith(prefix)) ? 0 : r);
        } else if (event instanceof RecoveryEvent.MeditationEntered) {
            meditating = true;
        } else if (event instanceof RecoveryEvent.ActionHeld) {
            held.merge(event.action(), 1L, Long::sum);
        } else {
            return;
        }
        version++;
    }

    /** Sets the {@code recoverymanager_store_degraded} gauge: whether the store cannot commit now. */
    public synchronized void storeDegraded(boolean degraded) {
        if (storeDegraded != degraded) {
            storeDegraded = degraded;
            version++;
        }
    }

    /** The current metrics in the text exposition format. */
    public synchronized String render() {
        StringBuilder b = new StringBuilder(512);
        family(b, "recoverymanager_failures_total", "counter", "Failures counted per service.", "service", failures);
        family(
                b,
                "recoverymanager_actions_total",
                "counter",
                "Recovery actions issued or forwarded, by type.",
                "action",
                actions);
        family(b, "recoverymanager_rvector", "gauge", "Current rvector per service.", "service", rvectors);
        family(
                b,
                "recoverymanager_exhausted_total",
                "counter",
                "Failures beyond the last action of the ladder.",
                "service",
                exhausted);
        family(
                b,
                "recoverymanager_recovered_total",
                "counter",
                "Services that stayed up for their relax time.",
                "service",
                recovered);
        family(
                b,
                "recoverymanager_actions_held_total",
                "counter",
                "Destructive actions held because their budget was spent, by type.",
                "action",
                held);
        b.append("# HELP recoverymanager_meditation Whether this context meditates after a system-level action.\n")
                .append("# TYPE recoverymanager_meditation gauge\n")
                .append("recoverymanager_meditation ")
                .append(meditating ? 1 : 0)
                .append('\n');
        b.append(
                        "# HELP recoverymanager_store_degraded Whether the store cannot commit and counts are kept in memory.\n")
                .append("# TYPE recoverymanager_store_degraded gauge\n")
                .append("recoverymanager_store_degraded ")
                .append(storeDegraded ? 1 : 0)
                .append('\n');
        return b.toString();
    }

    private static void family(
            StringBuilder b,
            String name,
            String type,
            String help,
            String label,
            Map<String, ? extends Number> values) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        for (Map.Entry<String, ? extends Number> e : values.entrySet()) {
            b.append(name)
                    .append('{')
                    .append(label)
                    .append("=\"")
                    .append(escape(e.getKey()))
                    .append("\"} ")
                    .append(e.getValue())
                    .append('\n');
        }
    }

    /** Escapes a label value: backslash, double quote and newline. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /**
     * Writes the file if anything changed since the last write: a new temporary file in the same
     * directory, then an atomic rename, so the collector never reads a half-written file and a
     * symbolic link planted in the directory is never written through ({@link AtomicTextFile}).
     *
     * @return whether the file was written
     */
    public boolean write() {
        String text;
        long current;
        synchronized (this) {
            if (version == writtenVersion) {
                return false;
            }
            text = render();
            current = version;
        }
        try {
            // The collector's directory may be writable by others: a new temporary file with an
            // unpredictable name (O_EXCL|O_NOFOLLOW, 0644), then rename; never through a link.
            AtomicTextFile.write(file, text);
        } catch (IOException e) {
            LOG.warn("cannot write metrics to {}: {}", file, e.getMessage());
            return false;
        }
        synchronized (this) {
            writtenVersion = Math.max(writtenVersion, current);
        }
        return true;
    }
}
