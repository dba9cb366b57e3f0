package io.recoverymanager.daemon.control;

import com.fasterxml.jackson.core.JacksonException;
import io.recoverymanager.daemon.control.LineReader.Line;
import io.recoverymanager.daemon.runtime.RuntimeDirectory;
import io.recoverymanager.daemon.view.Json;
import io.recoverymanager.dispatch.master.PeerCredentials;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's side of the control socket. Each connection carries one request line and gets one
 * response line. The socket lives in the {@link RuntimeDirectory} (mode 0750) with mode 0600, or
 * 0660 and the configured group's. A peer whose user (from {@code SO_PEERCRED}) is not in the
 * allowed set is refused;
 * a request line longer than {@link #MAX_LINE_BYTES}, malformed JSON or an unknown operation gets
 * an error response; a peer that does not finish within the timeout is disconnected. At most
 * {@link #MAX_CONNECTIONS} connections are served at once.
 *
 * <p>Thread-safety: thread-safe; {@link #start} once, {@link #close} from any thread.
 */
public final class ControlServer implements AutoCloseable {
    /** The longest request line accepted, in bytes. */
    public static final int MAX_LINE_BYTES = 4096;

    /** Connections served at the same time; more are refused at once. */
    public static final int MAX_CONNECTIONS = 8;

    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    private static final Set<PosixFilePermission> OWNER_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> GROUP_MODE = PosixFilePermissions.fromString("rw-rw----");

    private final Path socket;
    private final ControlHandler handler;
    private final PeerCredentials credentials;
    private final Optional<GroupPrincipal> group;
    private final Duration timeout;
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private final ExecutorService workers;
    private final ScheduledThreadPoolExecutor deadlines;
    private volatile ServerSocketChannel server;
    private volatile Thread acceptor;

    /**
     * A server, not yet listening.
     *
     * @param socket the socket path, normally {@code <runtime-dir>/control.sock}
     * @param handler carries out the requests
     * @param allowedUids the user ids allowed to send requests
     * @param timeout how long a peer may take to send its request, and the handler to answer
     * @throws IOException when the user ids cannot be looked up
     */
    public ControlServer(Path socket, ControlHandler handler, Collection<Integer> allowedUids, Duration timeout)
            throws IOException {
        this(socket, handler, allowedUids, Optional.empty(), timeout);
    }

    /**
     * A server, not yet listening, whose socket a group may reach.
     *
     * @param socket the socket path, normally {@code <runtime-dir>/control.sock}
     * @param handler carries out the requests
     * @param allowedUids the user ids allowed to send requests
     * @param group the group that may reach the socket (mode 0660); empty: mode 0600
     * @param timeout how long a peer may take to send its request, and the handler to answer
     * @throws IOException when the user ids or the group cannot be looked up
     */
    public ControlServer(
            Path socket,
            ControlHandler handler,
            Collection<Integer> allowedUids,
            Optional<String> group,
            Duration timeout)
            throws IOException {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        // The same SO_PEERCRED check as the master socket's: one implementation for both.
        this.credentials = new PeerCredentials(new java.util.HashSet<>(allowedUids));
        UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        if (group.isPresent()) {
            try {
                this.group = Optional.of(lookup.lookupPrincipalByGroupName(group.get()));
            } catch (UserPrincipalNotFoundException e) {
                throw new IOException("control.group: no group named \"" + group.get() + "\"", e);
            }
        } else {
            this.group = Optional.empty();
        }
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> daemonThread(r, "control-" + n.incrementAndGet()));
        this.deadlines = new ScheduledThreadPoolExecutor(1, r -> daemonThread(r, "control-deadlines"));
        deadlines.setRemoveOnCancelPolicy(true);
    }

    private static Thread daemonThread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The socket path. */
    public Path socket() {
        return socket;
    }

    /**
     * Binds the socket (replacing a stale one left by a crashed daemon, refusing when another
     * daemon listens) and starts accepting connections.
     *
     * @throws IOException when the socket cannot be bound or another daemon listens on it
     */
    public synchronized void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        Path parent = socket.toAbsolutePath().getParent();
        if (parent != null) {
            RuntimeDirectory.prepare(parent, group);
        }
        if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            if (someoneListens()) {
                throw new IOException("another daemon already listens on " + socket);
            }
            Files.delete(socket);
        }
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(socket), MAX_CONNECTIONS);
            // The file system decides who may connect (root, and the group when configured); peer
            // credentials decide who is served. The directory is the daemon's own and writable by
            // nobody else, so the path cannot be swapped for a link between bind and these calls
            // (a socket cannot be opened for fchmod); the group is set with lchown all the same.
            if (group.isPresent()) {
                Files.getFileAttributeView(socket, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setGroup(group.get());
            }
            Files.setPosixFilePermissions(socket, group.isPresent() ? GROUP_MODE : OWNER_MODE);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        server = channel;
        Thread t = new Thread(this::acceptLoop, "control-accept");
        t.setDaemon(true);
        acceptor = t;
        t.start();
        LOG.info("control socket listening on {}", socket);
    }

    private boolean someoneListens() {
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return probe.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    private void acceptLoop() {
        ServerSocketChannel channel = server;
        while (channel.isOpen()) {
            SocketChannel peer;
            try {
                peer = channel.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.warn("control socket accept failed", e);
                continue;
            }
            if (!slots.tryAcquire()) {
                workersRefuse(peer);
                continue;
            }
            try {
                workers.execute(() -> {
                    try {
                        serve(peer);
                    } finally {
                        slots.release();
                    }
                });
            } catch (RuntimeException e) {
                slots.release();
                closeQuietly(peer);
            }
        }
    }

    private void workersRefuse(SocketChannel peer) {
        try (peer) {
            write(peer, new ControlResponse.Failed("busy: too many control connections, try again"));
        } catch (IOException e) {
            LOG.debug("could not refuse a control connection", e);
        }
    }

    private void serve(SocketChannel peer) {
        // The deadline bounds how long a peer may take to send its request; the handler's answer
        // is bounded separately in handle().
        ScheduledFuture<?> deadline =
                deadlines.schedule(() -> closeQuietly(peer), timeout.toMillis(), TimeUnit.MILLISECONDS);
        try (peer) {
            Line line = LineReader.read(peer, MAX_LINE_BYTES);
            deadline.cancel(false);
            PeerCredentials.Verdict who = credentials.check(peer);
            ControlResponse response;
            if (!who.allowed()) {
                LOG.warn("control request from user {} refused: {}", who.user(), who.reason());
                response = new ControlResponse.Failed("permission denied: user " + who.user()
                        + " may not control the daemon (see control.allowed-uids)");
            } else if (line instanceof Line.TooLong tooLong) {
                response = new ControlResponse.Failed("request longer than " + tooLong.limit() + " bytes");
            } else if (line instanceof Line.Complete complete) {
                response = handle(complete.text(), who.user());
            } else {
                return;
            }
            write(peer, response);
            peer.shutdownOutput();
            drain(peer);
        } catch (ClosedChannelException e) {
            LOG.warn("control peer did not finish its request within {} ms; disconnected", timeout.toMillis());
        } catch (IOException e) {
            LOG.debug("control connection failed", e);
        } finally {
            deadline.cancel(false);
        }
    }

    /**
     * Reads and discards what the peer still sends (bounded in bytes and time), so that closing
     * with unread data does not reset the connection before the peer read the response.
     */
    private void drain(SocketChannel peer) throws IOException {
        ScheduledFuture<?> deadline =
                deadlines.schedule(() -> closeQuietly(peer), timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            ByteBuffer sink = ByteBuffer.allocate(MAX_LINE_BYTES);
            long left = 16L * MAX_LINE_BYTES;
            int n;
            while (left > 0 && (n = peer.read(sink)) >= 0) {
                left -= n;
                sink.clear();
            }
        } catch (ClosedChannelException e) {
            // deadline reached: give up draining
        } finally {
            deadline.cancel(false);
        }
    }

    private ControlResponse handle(String text, String user) {
        ControlRequest request;
        try {
            request = ControlRequest.fromJson(Json.MAPPER.readTree(text));
        } catch (JacksonException e) {
            return new ControlResponse.Failed("bad request: not JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            return new ControlResponse.Failed("bad request: " + e.getMessage());
        }
        try {
            if (request instanceof ControlRequest.Reset reset) {
                LOG.info("control: reset {} requested by {}", reset.service(), user);
                int previous = handler.reset(reset.service())
                        .toCompletableFuture()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return new ControlResponse.Done(OptionalInt.of(previous));
            }
            ControlRequest.ReportCrash crash = (ControlRequest.ReportCrash) request;
            LOG.info(
                    "control: crash of process {} in {} reported by {}",
                    crash.process(),
                    crash.context().orElse("this context"),
                    user);
            handler.processCrashed(crash.context(), crash.process());
            return new ControlResponse.Done(OptionalInt.empty());
        } catch (ExecutionException e) {
            return new ControlResponse.Failed(String.valueOf(e.getCause().getMessage()));
        } catch (TimeoutException e) {
            return new ControlResponse.Failed("the engine did not answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ControlResponse.Failed("interrupted");
        } catch (RuntimeException e) {
            LOG.error("control handler failed", e);
            return new ControlResponse.Failed("internal error: " + e.getMessage());
        }
    }

    private static void write(SocketChannel peer, ControlResponse response) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Json.line(response.toJson()).getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            peer.write(bytes);
        }
    }

    private static void closeQuietly(SocketChannel peer) {
        try {
            peer.close();
        } catch (IOException e) {
            // closing is best effort
        }
    }

    /** Stops accepting, waits briefly for connections in progress, and removes the socket file. */
    @Override
    public synchronized void close() {
        ServerSocketChannel channel = server;
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing the control socket failed", e);
        }
        try {
            Thread t = acceptor;
            if (t != null) {
                t.join(timeout.toMillis());
            }
            workers.shutdown();
            // Connections in progress end by themselves or at their deadline.
            workers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        deadlines.shutdownNow();
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.debug("could not remove {}", socket, e);
        }
        server = null;
    }
}
