package io.recoverymanager.daemon.wiring;

import io.recoverymanager.core.store.StoreHealthListener;
import io.recoverymanager.runtime.metrics.PrometheusTextfile;
import io.recoverymanager.systemd.notify.SystemdNotifier;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says that the store is degraded, or healthy again, on every channel an operator watches: one
 * error (or info) line per change in the log, the sd_notify {@code STATUS=} line and the {@code
 * recoverymanager_store_degraded} gauge.
 *
 * <p>Thread-safety: safe for use from any thread (it keeps no state of its own besides the metrics
 * handle, which is set once during start-up).
 */
public final class StoreHealthReporter implements StoreHealthListener {
    private static final Logger LOG = LoggerFactory.getLogger(StoreHealthReporter.class);

    /** The prefix of the {@code STATUS=} line while degraded. */
    public static final String DEGRADED_STATUS = "DEGRADED: the store cannot commit";

    private final SystemdNotifier notifier;
    private volatile Optional<PrometheusTextfile> metrics = Optional.empty();

    public StoreHealthReporter(SystemdNotifier notifier) {
        this.notifier = Objects.requireNonNull(notifier, "notifier");
    }

    /** The metrics to set the gauge in, when metrics are configured. */
    public void metrics(PrometheusTextfile textfile) {
        this.metrics = Optional.of(textfile);
    }

    @Override
    public void degraded(String reason) {
        LOG.error(
                "store degraded: {}; services are still restarted with the counts kept in memory, destructive"
                        + " actions are refused until the store can commit again",
                reason);
        notifier.status(DEGRADED_STATUS + " (" + reason + "); restarts go on, destructive actions are refused");
        metrics.ifPresent(m -> m.storeDegraded(true));
    }

    @Override
    public void recovered(int writtenBack) {
        LOG.info("store recovered: {} kept write(s) written back; destructive actions are allowed again", writtenBack);
        notifier.status("store recovered: " + writtenBack + " kept write(s) written back");
        metrics.ifPresent(m -> m.storeDegraded(false));
    }
}
