package io.recoverymanager.daemon.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlSocketTest {
    @TempDir
    Path tmp;

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private ControlServer server;

    private final ControlHandler handler = new ControlHandler() {
        @Override
        public CompletionStage<Integer> reset(String service) {
            calls.add("reset " + service);
            if (service.equals("unknown.service")) {
                return CompletableFuture.failedFuture(new IllegalArgumentException("no unit governs unknown.service"));
            }
            if (service.equals("stuck.service")) {
                return new CompletableFuture<>();
            }
            return CompletableFuture.completedFuture(3);
        }

        @Override
        public void processCrashed(Optional<String> context, String process) {
            calls.add("crash " + process + " in " + context.orElse("(own)"));
        }
    };

    private Path start(List<Integer> allowedUids, Duration timeout) throws IOException {
        Path socket = tmp.resolve("run/control.sock");
        server = new ControlServer(socket, handler, allowedUids, timeout);
        server.start();
        return socket;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Sends raw bytes and reads the single response line. */
    private static String raw(Path socket, byte[] request) throws IOException {
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ByteBuffer out = ByteBuffer.wrap(request);
            while (out.hasRemaining()) {
                c.write(out);
            }
            c.shutdownOutput();
            ByteBuffer in = ByteBuffer.allocate(8192);
            while (c.read(in) >= 0) {
                if (!in.hasRemaining()) {
                    break;
                }
            }
            return new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void resetReachesTheHandlerAndReturnsThePreviousRvector() throws Exception {
        Path socket = start(List.of(0), Duration.ofSeconds(5));
        ControlResponse r =
                new ControlClient(socket, Duration.ofSeconds(5)).send(new ControlRequest.Reset("echo.service"));
        assertThat(r).isEqualTo(new ControlResponse.Done(OptionalInt.of(3)));
        assertThat(calls).containsExactly("reset echo.service");
    }

    @Test
    void reportCrashReachesTheHandlerWithAndWithoutContext() throws Exception {
        Path socket = start(List.of(0), Duration.ofSeconds(5));
        ControlClient client = new ControlClient(socket, Duration.ofSeconds(5));
        assertThat(client.send(new ControlRequest.ReportCrash("dummyd", Optional.of("container1"))))
                .isEqualTo(new ControlResponse.Done(OptionalInt.empty()));
        assertThat(client.send(new ControlRequest.ReportCrash("dummyd", Optional.empty())))
                .isEqualTo(new ControlResponse.Done(OptionalInt.empty()));
        assertThat(calls).containsExactly("crash dummyd in container1", "crash dummyd in (own)");
    }

    @Test
    void handlerFailuresAreAnsweredAsErrors() throws Exception {
        Path socket = start(List.of(0), Duration.ofSeconds(5));
        assertThat(new ControlClient(socket, Duration.ofSeconds(5)).send(new ControlRequest.Reset("unknown.service")))
                .isEqualTo(new ControlResponse.Failed("no unit governs unknown.service"));
    }

    @Test
    void anEngineThatDoesNotAnswerTimesOut() throws Exception {
        // The same timeout bounds reading the request: long enough that a loaded machine reads it.
        Path socket = start(List.of(0), Duration.ofSeconds(3));
        assertThat(new ControlClient(socket, Duration.ofSeconds(30)).send(new ControlRequest.Reset("stuck.service")))
                .isEqualTo(new ControlResponse.Failed("the engine did not answer within 3000 ms"));
    }

    @Test
    void badRequestsGetClearErrors() throws Exception {
        Path socket = start(List.of(0), Duration.ofSeconds(5));
        assertThat(raw(socket, "not json\n".getBytes(StandardCharsets.UTF_8)))
                .startsWith("{\"ok\":false,\"error\":\"bad request: not JSON: ");
        assertThat(raw(socket, "{\"op\":\"reboot\"}\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(
                        "{\"ok\":false,\"error\":\"bad request: unknown op 'reboot' (known: reset, report-crash)\"}\n");
        assertThat(raw(socket, "{\"op\":\"reset\"}\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("{\"ok\":false,\"error\":\"bad request: missing \\\"service\\\"\"}\n");
        assertThat(raw(
                        socket,
                        "{\"op\":\"reset\",\"service\":\"echo.service\",\"x\":1}\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("{\"ok\":false,\"error\":\"bad request: unknown key \\\"x\\\"\"}\n");
        assertThat(raw(socket, "{\"op\":\"reset\",\"service\":\"../etc/passwd\"}\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("{\"ok\":false,\"error\":\"bad request: '../etc/passwd' is not a service name such as"
                        + " echo.service\"}\n");
        assertThat(raw(socket, "[1]\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("{\"ok\":false,\"error\":\"bad request: a request must be a JSON object\"}\n");
        assertThat(calls).isEmpty();
    }

    @Test
    void anOversizedLineIsRefusedWithoutReadingItAll() throws Exception {
        Path socket = start(List.of(0), Duration.ofSeconds(5));
        byte[] huge = ("{\"op\":\"reset\",\"service\":\"" + "a".repeat(ControlServer.MAX_LINE_BYTES) + ".service\"}\n")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(raw(socket, huge))
                .isEqualTo("{\"ok\":false,\"error\":\"request longer than " + ControlServer.MAX_LINE_BYTES
                        + " bytes\"}\n");
        assertThat(calls).isEmpty();
    }

    @Test
    void aPeerThatSendsNothingIsDisconnectedAtTheDeadline() throws Exception {
        // Long enough that the second client's request is read in time on a loaded machine.
        Path socket = start(List.of(0), Duration.ofSeconds(3));
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            // The server closes the connection at its deadline: read sees end of stream (bounded by
            // the server's timeout, not by this test).
            assertThat(c.read(ByteBuffer.allocate(16))).isEqualTo(-1);
        }
        // and it still serves others afterwards
        assertThat(new ControlClient(socket, Duration.ofSeconds(5)).send(new ControlRequest.Reset("echo.service")))
                .isInstanceOf(ControlResponse.Done.class);
    }

    @Test
    void aUserNotAllowedIsRefused() throws Exception {
        // The test runs as root; allowing only another uid makes root a stranger.
        Path socket = start(List.of(12345), Duration.ofSeconds(5));
        ControlResponse r =
                new ControlClient(socket, Duration.ofSeconds(5)).send(new ControlRequest.Reset("echo.service"));
        assertThat(r).isInstanceOf(ControlResponse.Failed.class);
        assertThat(((ControlResponse.Failed) r).error()).startsWith("permission denied: user ");
        assertThat(calls).isEmpty();
    }

    @Test
    void theSocketIsTheOwnersOnlyInA0750DirectoryAndRemovedOnClose() throws Exception {
        Path socket = start(List.of(0), Duration.ofSeconds(5));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket, LinkOption.NOFOLLOW_LINKS)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(socket.getParent(), LinkOption.NOFOLLOW_LINKS)))
                .isEqualTo("rwxr-x---");
        server.close();
        assertThat(socket).doesNotExist();
    }

    @Test
    void withAGroupTheSocketIsItsGroupsToo() throws Exception {
        Path socket = tmp.resolve("grouped/control.sock");
        server = new ControlServer(socket, handler, List.of(0), Optional.of("nogroup"), Duration.ofSeconds(5));
        server.start();
        PosixFileAttributes attributes =
                Files.readAttributes(socket, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        assertThat(PosixFilePermissions.toString(attributes.permissions())).isEqualTo("rw-rw----");
        assertThat(attributes.group().getName()).isEqualTo("nogroup");
        assertThat(Files.readAttributes(socket.getParent(), PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                        .group()
                        .getName())
                .isEqualTo("nogroup");
    }

    @Test
    void anUnknownGroupIsNamedWhenTheServerIsMade() {
        assertThatThrownBy(() -> new ControlServer(
                        tmp.resolve("control.sock"),
                        handler,
                        List.of(0),
                        Optional.of("no-such-group-for-recoverymanager"),
                        Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("control.group: no group named \"no-such-group-for-recoverymanager\"");
    }

    @Test
    void aStaleSocketFileIsReplacedButALiveDaemonIsNot() throws Exception {
        Path socket = tmp.resolve("control.sock");
        try (ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stale.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(socket).exists();
        server = new ControlServer(socket, handler, List.of(0), Duration.ofSeconds(5));
        server.start();
        assertThat(new ControlClient(socket, Duration.ofSeconds(5)).send(new ControlRequest.Reset("echo.service")))
                .isInstanceOf(ControlResponse.Done.class);

        ControlServer second = new ControlServer(socket, handler, List.of(0), Duration.ofSeconds(5));
        assertThatThrownBy(second::start).isInstanceOf(IOException.class).hasMessageContaining("another daemon");
        second.close();
        assertThat(socket).exists();
    }

    @Test
    void clientReportsADaemonThatIsNotRunning() throws Exception {
        Path absent = tmp.resolve("absent.sock");
        assertThatThrownBy(() ->
                        new ControlClient(absent, Duration.ofSeconds(1)).send(new ControlRequest.Reset("a.service")))
                .isInstanceOf(ControlUnavailableException.class)
                .hasMessage("the daemon is not running: no control socket at " + absent
                        + " (is recoverymanager.service active?)");

        Path dead = tmp.resolve("dead.sock");
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(dead));
        }
        assertThatThrownBy(() ->
                        new ControlClient(dead, Duration.ofSeconds(1)).send(new ControlRequest.Reset("a.service")))
                .isInstanceOf(ControlUnavailableException.class)
                .hasMessageStartingWith("the daemon is not running: nobody listens on " + dead);
    }

    @Test
    void clientGivesUpOnADaemonThatDoesNotAnswer() throws Exception {
        Path mute = tmp.resolve("mute.sock");
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(mute));
            assertThatThrownBy(() ->
                            new ControlClient(mute, Duration.ofMillis(200)).send(new ControlRequest.Reset("a.service")))
                    .isInstanceOf(ControlUnavailableException.class)
                    .hasMessage("the daemon did not answer within 200 ms on " + mute);
        }
    }

    @Test
    void requestsValidateTheirNames() {
        assertThatThrownBy(() -> new ControlRequest.Reset("echo")).hasMessageContaining("not a service name");
        assertThatThrownBy(() -> new ControlRequest.ReportCrash("a b", Optional.empty()))
                .hasMessageContaining("not a process name");
        assertThatThrownBy(() -> new ControlRequest.ReportCrash("p", Optional.of("-x")))
                .hasMessageContaining("not a context name");
    }
}
