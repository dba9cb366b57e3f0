package io.recoverymanager.runtime.metrics;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes a {@link PrometheusTextfile} every 15 s from its own thread (never from the engine's loop),
 * and once more at close.
 *
 * <p>Thread-safety: {@link #close} may be called from any thread.
 */
public final class MetricsTextfileWriter implements AutoCloseable {
    private final PrometheusTextfile metrics;
    private final ScheduledExecutorService writer;

    private MetricsTextfileWriter(PrometheusTextfile metrics) {
        this.metrics = metrics;
        this.writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "metrics-textfile");
            t.setDaemon(true);
            return t;
        });
        writer.scheduleWithFixedDelay(metrics::write, 0, 15, TimeUnit.SECONDS);
    }

    /** Starts writing these metrics to their file. */
    public static MetricsTextfileWriter start(PrometheusTextfile metrics) {
        return new MetricsTextfileWriter(metrics);
    }

    /** The metrics (an engine listener) that are written. */
    public PrometheusTextfile metrics() {
        return metrics;
    }

    @Override
    public void close() {
        writer.shutdownNow();
        metrics.write();
    }
}
