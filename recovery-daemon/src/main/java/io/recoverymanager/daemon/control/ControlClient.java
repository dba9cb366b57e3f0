package io.recoverymanager.daemon.control;

import com.fasterxml.jackson.core.JacksonException;
import io.recoverymanager.daemon.control.LineReader.Line;
import io.recoverymanager.daemon.view.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The command line's side of the control socket: sends one request and waits (bounded) for the
 * answer.
 *
 * <p>Thread-safety: thread-safe; each call uses its own connection.
 */
public final class ControlClient {
    private static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private final Path socket;
    private final Duration timeout;

    /**
     * @param socket the daemon's control socket
     * @param timeout how long to wait for the answer
     */
    public ControlClient(Path socket, Duration timeout) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    private ControlUnavailableException unreachable(IOException failure) {
        if (failure instanceof ConnectException e) {
            return new ControlUnavailableException(
                    "the daemon is not running: nobody listens on " + socket + " (" + e.getMessage() + ")", e);
        }
        if (failure instanceof SocketException e) {
            return new ControlUnavailableException("cannot connect to " + socket + ": " + e.getMessage(), e);
        }
        return new ControlUnavailableException("cannot connect to " + socket + ": " + failure, failure);
    }

    private ControlDeniedException denied(Exception cause) {
        return new ControlDeniedException(
                "permission denied: this user cannot reach the control socket " + socket
                        + " (root's only, or also its [control] group's)",
                cause);
    }

    /**
     * Sends a request and returns the daemon's answer.
     *
     * @throws ControlDeniedException when this user may not reach the socket
     * @throws ControlUnavailableException when the daemon is not running, cannot be reached, or
     *     does not answer in time
     */
    public ControlResponse send(ControlRequest request) throws ControlUnavailableException {
        try {
            Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (AccessDeniedException e) {
            throw denied(e);
        } catch (NoSuchFileException e) {
            throw new ControlUnavailableException("the daemon is not running: no control socket at " + socket
                    + " (is recoverymanager.service active?)");
        } catch (IOException e) {
            throw new ControlUnavailableException("cannot reach the control socket " + socket + ": " + e, e);
        }
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            if (!Files.isWritable(socket)) {
                throw denied(e);
            }
            throw unreachable(e);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "control-client-timeout");
            t.setDaemon(true);
            return t;
        });
        try (channel) {
            timer.schedule(
                    () -> {
                        try {
                            channel.close();
                        } catch (IOException e) {
                            // best effort
                        }
                    },
                    timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            ByteBuffer out = ByteBuffer.wrap(Json.line(request.toJson()).getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            channel.shutdownOutput();
            Line line = LineReader.read(channel, MAX_RESPONSE_BYTES);
            if (line instanceof Line.Complete complete) {
                return ControlResponse.fromJson(Json.MAPPER.readTree(complete.text()));
            }
            if (line instanceof Line.TooLong) {
                return new ControlResponse.Failed(
                        "the daemon's answer is longer than " + MAX_RESPONSE_BYTES + " bytes");
            }
            throw new ControlUnavailableException("the daemon closed the connection without answering");
        } catch (ClosedChannelException e) {
            throw new ControlUnavailableException(
                    "the daemon did not answer within " + timeout.toMillis() + " ms on " + socket, e);
        } catch (JacksonException e) {
            return new ControlResponse.Failed("malformed answer from the daemon: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ControlUnavailableException("control connection to " + socket + " failed: " + e, e);
        } finally {
            timer.shutdownNow();
        }
    }
}
