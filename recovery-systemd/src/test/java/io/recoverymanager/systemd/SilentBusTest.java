package io.recoverymanager.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bus that accepts connections and never answers (a dbus-daemon stuck under load, a socket
 * whose activation hangs): a connection attempt must give up after the connect timeout and be
 * retried, never hold the adapter forever.
 */
class SilentBusTest {
    @TempDir
    Path tmp;

    @Test
    void aConnectionAttemptThatGetsNoAnswerIsAbandonedAndRetried() throws Exception {
        Path socket = tmp.resolve("silent-bus");
        List<SocketChannel> accepted = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(server.accept()); // and never say a word
                        attempts.incrementAndGet();
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();

            SystemdConnectionConfig config = new SystemdConnectionConfig(
                    BusAddress.parse("unix:path=" + socket),
                    Duration.ofMillis(500),
                    Duration.ofMillis(50),
                    Duration.ofMillis(200),
                    Duration.ofMinutes(1),
                    true);
            try (SystemdServiceManager manager = SystemdServiceManager.connect(config)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (attempts.get() < 3 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(attempts.get())
                        .as("connection attempts to a bus that never answers (each abandoned after 500 ms)")
                        .isGreaterThanOrEqualTo(3);
                assertThat(manager.isConnected()).isFalse();
            } finally {
                for (SocketChannel channel : accepted) {
                    channel.close();
                }
            }
        }
    }
}
