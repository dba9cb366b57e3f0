package io.recoverymanager.daemon.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A flood of dropped reports logs a bounded number of warnings and counts the rest. */
class DropWarningsTest {
    private static final String NAME = "io.recoverymanager.daemon.crash.DropWarningsTest.flood";

    @Test
    void atMostBurstWarningsPerWindowAndTheSuppressedAreCounted() {
        Logger jul = Logger.getLogger(NAME);
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        jul.addHandler(capture);
        try {
            AtomicLong now = new AtomicLong();
            DropWarnings warnings = new DropWarnings(LoggerFactory.getLogger(NAME), 3, Duration.ofMinutes(1), now::get);
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
        } finally {
            jul.removeHandler(capture);
        }
    }
}
