package io.recoverymanager.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The writer lingers for an hour here: a test finishing at all shows that what should cut the
 * linger short did (the timeouts only stop a broken build from hanging).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QueueBatchesTest {
    private static final String STOP = "stop";
    private static final Duration AN_HOUR = Duration.ofHours(1);

    private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<List<String>> batches = new LinkedBlockingQueue<>();

    private Thread writer() {
        Thread writer = new Thread(() -> QueueBatches.drainUntil(
                queue,
                STOP,
                100,
                AN_HOUR,
                item -> item.startsWith("urgent"),
                batch -> batches.add(List.copyOf(batch))));
        writer.start();
        return writer;
    }

    @Test
    void whatArrivesWhileTheWriterLingersJoinsTheBatchOfAnUrgentItem() throws InterruptedException {
        queue.add("failure");
        Thread writer = writer();
        queue.add("action");
        queue.add("urgent barrier");
        QueueBatches.hurry(writer);
        assertThat(batches.take()).containsExactly("failure", "action", "urgent barrier");
        queue.add(STOP);
        QueueBatches.hurry(writer);
        writer.join();
    }

    @Test
    void anUrgentItemIsNeverKeptWaiting() throws InterruptedException {
        Thread writer = writer();
        queue.add("urgent barrier");
        assertThat(batches.take()).containsExactly("urgent barrier");
        queue.add(STOP);
        writer.join();
    }

    @Test
    void stoppingDeliversWhatLingersAndEndsTheWriter() throws InterruptedException {
        Thread writer = writer();
        queue.add("failure");
        queue.add(STOP);
        queue.add("after the stop");
        QueueBatches.hurry(writer);
        writer.join();

        assertThat(batches).containsExactly(List.of("failure"));
    }

    @Test
    void aHurryWithoutAnythingUrgentKeepsTheWriterLingering() throws InterruptedException {
        queue.add("failure");
        Thread writer = writer();
        QueueBatches.hurry(writer);
        QueueBatches.hurry(writer);
        // Nothing urgent came: the batch waits; the stop marker then delivers it.
        assertThat(batches).isEmpty();
        queue.add(STOP);
        QueueBatches.hurry(writer);
        writer.join();

        assertThat(batches).containsExactly(List.of("failure"));
    }
}
