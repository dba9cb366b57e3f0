package io.recoverymanager.systemd.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A flood of dropped reports logs a bounded number of warnings and counts the rest. */
class DropWarningsTest {
    @Test
    void atMostBurstWarningsPerWindowAndTheSuppressedAreCounted() {
        List<String> logged = new ArrayList<>();
        AtomicLong now = new AtomicLong();
        DropWarnings warnings = new DropWarnings(logged::add, 3, Duration.ofMinutes(1), now::get);
        for (int i = 0; i < 10; i++) {
            warnings.dropped(":1." + i, "not the owner of org.example.CrashReporter");
        }
        assertThat(logged)
                .containsExactly(
                        "crash report from D-Bus sender :1.0 dropped: not the owner of org.example.CrashReporter",
                        "crash report from D-Bus sender :1.1 dropped: not the owner of org.example.CrashReporter",
                        "crash report from D-Bus sender :1.2 dropped: not the owner of org.example.CrashReporter");
        assertThat(warnings.suppressed()).isEqualTo(7);

        now.addAndGet(Duration.ofMinutes(1).toNanos());
        warnings.dropped(":1.99", "bad name");
        assertThat(logged)
                .last()
                .isEqualTo("crash report from D-Bus sender :1.99 dropped: bad name"
                        + " (7 more dropped reports not logged)");
        assertThat(warnings.suppressed()).isZero();
    }
}
