package io.recoverymanager.daemon.runtime;

import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.core.spi.RecoveryListener;
import io.recoverymanager.systemd.notify.SystemdNotifier;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Tells systemd ({@code STATUS=}) when a destructive action was held because its budget is spent,
 * and keeps the last such note for the daemon's status line, so {@code systemctl status} shows it.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class HeldStatus implements RecoveryListener {
    private final SystemdNotifier notifier;
    private final Supplier<String> statusLine;
    private volatile String last;

    /**
     * @param notifier the sd_notify channel
     * @param statusLine the daemon's status line, sent after the note
     */
    public HeldStatus(SystemdNotifier notifier, Supplier<String> statusLine) {
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.statusLine = Objects.requireNonNull(statusLine, "statusLine");
    }

    @Override
    public void onEvent(RecoveryEvent event) {
        if (event instanceof RecoveryEvent.ActionHeld held) {
            last = held.action() + " of " + held.service() + " in " + held.context() + ": "
                    + held.reason().replaceFirst("^held: ", "");
            notifier.status(statusLine.get());
        }
    }

    /**
     * {@code held restart-platform of app.service in host: restart-platform budget spent (…)}, or
     * empty when nothing was held.
     */
    public Optional<String> note() {
        return Optional.ofNullable(last).map(n -> "held " + n);
    }
}
