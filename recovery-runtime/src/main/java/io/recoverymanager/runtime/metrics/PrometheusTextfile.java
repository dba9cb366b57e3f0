package io.recoverymanager.runtime.metrics;

import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.core.model.HistoryEntry;
import io.recoverymanager.core.model.HistoryQuery;
import io.recoverymanager.core.model.ServiceRecord;
import io.recoverymanager.core.spi.RecoveryListener;
import io.recoverymanager.core.spi.RecoveryStore;
import io.recoverymanager.runtime.AtomicTextFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 * <p>Metrics, each with a {@code context} label (so several daemons can share a collector
 * directory): {@code recoverymanager_failures_total{service}}, {@code
 * recoverymanager_actions_total{service,action}}, {@code recoverymanager_rvector{service}}, {@code
 * recoverymanager_last_action_timestamp_seconds{service,action}}, {@code
 * recoverymanager_exhausted_total{service}}, {@code recoverymanager_recovered_total{service}},
 * {@code recoverymanager_meditation}, {@code recoverymanager_store_degraded} and {@code
 * recoverymanager_build_info{version}}. The gauges are seeded from the store at start ({@link
 * #seed}), so they are right before anything happens; counters start at 0 with the process, as
 * Prometheus counters do.
 *
 * <p>Thread-safety: thread-safe; counters are guarded by this object's lock.
 */
public final class PrometheusTextfile implements RecoveryListener {
    private static final Logger LOG = LoggerFactory.getLogger(PrometheusTextfile.class);

    private final Path file;
    private final String context;
    private final String buildVersion;
    private final Map<String, Long> failures = new TreeMap<>();
    private final Map<List<String>, Long> actions = new TreeMap<>(PrometheusTextfile::compareLabels);
    private final Map<String, Integer> rvectors = new TreeMap<>();
    private final Map<List<String>, Instant> lastActions = new TreeMap<>(PrometheusTextfile::compareLabels);
    private final Map<String, Long> exhausted = new TreeMap<>();
    private final Map<String, Long> recovered = new TreeMap<>();
    private final Map<String, Long> held = new TreeMap<>();
    private boolean meditating;
    private boolean storeDegraded;
    private long revision;
    private long writtenRevision = -1;

    /** @param file the {@code .prom} file to write */
    public PrometheusTextfile(Path file) {
        this(file, "", "development");
    }

    /**
     * @param file the {@code .prom} file to write
     * @param context the context label of every series
     * @param buildVersion the {@code version} label of {@code recoverymanager_build_info}
     */
    public PrometheusTextfile(Path file, String context, String buildVersion) {
        this.file = Objects.requireNonNull(file, "file");
        this.context = Objects.requireNonNull(context, "context");
        this.buildVersion = Objects.requireNonNull(buildVersion, "buildVersion");
    }

    /**
     * Sets the gauges from the store before the engine runs: the rvector of every escalated
     * service, the meditation of this context in this boot, and the last time of each service's
     * actions from the history (so a platform restart the daemon issued is still visible after it).
     *
     * @param store the store
     * @param bootId this boot of the instance (a meditation recorded in another boot is over)
     */
    public void seed(RecoveryStore store, String bootId) {
        List<ServiceRecord> escalated = store.escalated();
        boolean meditation =
                store.meditation(context).filter(m -> m.bootId().equals(bootId)).isPresent();
        List<HistoryEntry> actionRows = store.history(new HistoryQuery(
                Optional.empty(), Optional.empty(), 10_000, Optional.empty(), Set.of("action", "forwarded")));
        synchronized (this) {
            escalated.forEach(r -> rvectors.put(r.service(), r.rvector()));
            meditating = meditation;
            actionRows.forEach(row -> lastActions.put(List.of(row.service(), row.action()), row.time()));
            revision++;
        }
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
            actions.merge(List.of(service, event.action()), 1L, Long::sum);
            lastActions.put(List.of(service, event.action()), event.at());
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
        revision++;
    }

    /** Sets the {@code recoverymanager_store_degraded} gauge: whether the store cannot commit now. */
    public synchronized void storeDegraded(boolean degraded) {
        if (storeDegraded != degraded) {
            storeDegraded = degraded;
            revision++;
        }
    }

    /** The current metrics in the text exposition format. */
    public synchronized String render() {
        StringBuilder b = new StringBuilder(1024);
        header(b, "recoverymanager_build_info", "gauge", "The running recoverymanager's version.");
        series(b, "recoverymanager_build_info", List.of("version"), List.of(buildVersion), 1);
        perService(b, "recoverymanager_failures_total", "counter", "Failures counted per service.", failures);
        header(
                b,
                "recoverymanager_actions_total",
                "counter",
                "Recovery actions issued or forwarded, by service and type.");
        actions.forEach(
                (labels, n) -> series(b, "recoverymanager_actions_total", List.of("service", "action"), labels, n));
        perService(b, "recoverymanager_rvector", "gauge", "Current rvector per service.", rvectors);
        header(
                b,
                "recoverymanager_last_action_timestamp_seconds",
                "gauge",
                "When the service last got this action (issued or forwarded), in Unix seconds.");
        lastActions.forEach((labels, at) -> series(
                b,
                "recoverymanager_last_action_timestamp_seconds",
                List.of("service", "action"),
                labels,
                at.getEpochSecond() + at.getNano() / 1e9));
        perService(
                b,
                "recoverymanager_exhausted_total",
                "counter",
                "Failures beyond the last action of the ladder.",
                exhausted);
        perService(
                b,
                "recoverymanager_recovered_total",
                "counter",
                "Services that stayed up for their relax time.",
                recovered);
        header(
                b,
                "recoverymanager_actions_held_total",
                "counter",
                "Destructive actions held because their budget was spent, by type.");
        held.forEach(
                (action, n) -> series(b, "recoverymanager_actions_held_total", List.of("action"), List.of(action), n));
        header(b, "recoverymanager_meditation", "gauge", "Whether this context meditates after a system-level action.");
        series(b, "recoverymanager_meditation", List.of(), List.of(), meditating ? 1 : 0);
        header(
                b,
                "recoverymanager_store_degraded",
                "gauge",
                "Whether the store cannot commit and counts are kept in memory.");
        series(b, "recoverymanager_store_degraded", List.of(), List.of(), storeDegraded ? 1 : 0);
        return b.toString();
    }

    private void perService(
            StringBuilder b, String name, String type, String help, Map<String, ? extends Number> values) {
        header(b, name, type, help);
        values.forEach((service, n) -> series(b, name, List.of("service"), List.of(service), n));
    }

    private static void header(StringBuilder b, String name, String type, String help) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** One sample: the context label first when there is one, then the given labels. */
    private void series(StringBuilder b, String name, List<String> labels, List<String> values, Number value) {
        b.append(name);
        List<String> names = new ArrayList<>();
        List<String> vals = new ArrayList<>();
        if (!context.isEmpty()) {
            names.add("context");
            vals.add(context);
        }
        names.addAll(labels);
        vals.addAll(values);
        if (!names.isEmpty()) {
            b.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                b.append(names.get(i)).append("=\"").append(escape(vals.get(i))).append('"');
            }
            b.append('}');
        }
        b.append(' ');
        if (value instanceof Double d) {
            b.append(String.format(java.util.Locale.ROOT, "%.3f", d));
        } else {
            b.append(value);
        }
        b.append('\n');
    }

    private static int compareLabels(List<String> a, List<String> b) {
        int c = a.get(0).compareTo(b.get(0));
        return c != 0 ? c : a.get(1).compareTo(b.get(1));
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
            if (revision == writtenRevision) {
                return false;
            }
            text = render();
            current = revision;
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
            writtenRevision = Math.max(writtenRevision, current);
        }
        return true;
    }
}
