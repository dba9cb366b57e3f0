package io.recoverymanager.dispatch.master;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel's pid of a Unix-socket peer, for machined's GetMachineByPID. */
class PeerProcessTest {
    @TempDir
    Path tmp;

    @Test
    void readsThePidOfAPeerInThisProcess() throws Exception {
        Path path = tmp.resolve("s");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path));
                    SocketChannel accepted = server.accept()) {
                assertThat(PeerProcess.pidOf(accepted))
                        .isEqualTo(ProcessHandle.current().pid());
                assertThat(PeerProcess.pidOf(client))
                        .isEqualTo(ProcessHandle.current().pid());
            }
        }
    }

    @Test
    void readsThePidOfAPeerInAnotherProcess() throws Exception {
        Path path = tmp.resolve("s");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            // a separate process connects and waits: its pid, not ours, is the peer's
            Path client = Files.writeString(
                    tmp.resolve("Client.java"),
                    """
                    public class Client {
                        public static void main(String[] a) throws Exception {
                            var ch = java.nio.channels.SocketChannel.open(java.net.UnixDomainSocketAddress.of(a[0]));
                            Thread.sleep(60_000);
                            ch.close();
                        }
                    }
                    """);
            String java = ProcessHandle.current().info().command().orElse("java");
            Process peer = new ProcessBuilder(java, client.toString(), path.toString())
                    .redirectErrorStream(true)
                    .start();
            try (SocketChannel accepted = server.accept()) {
                assertThat(PeerProcess.pidOf(accepted)).isEqualTo(peer.pid());
            } finally {
                peer.destroyForcibly();
                peer.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
