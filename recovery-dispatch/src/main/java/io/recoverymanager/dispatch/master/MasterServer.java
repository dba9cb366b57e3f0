package io.recoverymanager.dispatch.master;

import io.recoverymanager.core.model.ActionOutcome;
import io.recoverymanager.core.model.ActionRequest;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.dispatch.protocol.FrameCodec;
import io.recoverymanager.dispatch.protocol.FrameConnection;
import io.recoverymanager.dispatch.protocol.Message;
import io.recoverymanager.dispatch.protocol.Message.Ack;
import io.recoverymanager.dispatch.protocol.Message.ErrorReply;
import io.recoverymanager.dispatch.protocol.Message.Heartbeat;
import io.recoverymanager.dispatch.protocol.Message.Hello;
import io.recoverymanager.dispatch.protocol.Message.HelloAck;
import io.recoverymanager.dispatch.protocol.Message.ProcessCrashNotice;
import io.recoverymanager.dispatch.protocol.Message.Refused;
import io.recoverymanager.dispatch.protocol.Message.Request;
import io.recoverymanager.dispatch.protocol.Message.ServiceFailureNotice;
import io.recoverymanager.dispatch.protocol.Names;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's end of the dispatch socket.
 *
 * <p>Listens on an AF_UNIX stream socket (directory created 0750 when missing, socket 0660, a stale
 * socket file replaced, a live one refused). Every accepted peer's kernel credentials are checked
 * against {@code allowed-uids}; a disallowed peer is refused and closed at once. A peer must send
 * {@link Hello} within the timeout; the context it claims is validated and bound to the connection.
 * A second live connection claiming a bound context (or the master's own) is <b>refused</b>: the
 * first keeps working (a slave that died has its socket closed by the kernel, so its successor
 * gets in on its next reconnect attempt).
 *
 * <p>Requests run through the given executor at most once per (context, request id) thanks to the
 * {@link RequestLedger}; the acknowledgement goes to the context's current connection. Service
 * failure notices from slaves go to the {@link Listener} and are relayed to the other slaves; crash
 * notices go to every slave, the one of the context they name included.
 *
 * <p>Threads: one accept thread, one reaper (deadlines and heartbeats), and two per connection
 * (see {@link FrameConnection}), with at most {@code maxConnections} connections. A slow, silent or
 * hostile peer therefore only ties up its own threads; every violation closes that connection only
 * and is logged.
 *
 * <p>Thread-safety: safe for use from any thread.
 */
public final class MasterServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MasterServer.class);

    /** What the master learns from slaves. Called on connection threads; return quickly. */
    public interface Listener {
        /** A slave reported a failure of one of its services. */
        void serviceFailedElsewhere(String context, String service);

        /** A slave completed its hello. */
        default void slaveConnected(String context, String user) {}

        /** A slave's connection closed. */
        default void slaveDisconnected(String context, String reason) {}

        /**
         * Any connection was refused or closed (logged as well); {@code violation} is true when the
         * peer broke the rules (bad frame, disallowed uid, claimed context, silence, ...).
         */
        default void connectionClosed(String peer, String reason, boolean violation) {}

        /**
         * A slave's request was refused without running: its context may not request that action,
         * or it sent requests faster than its flood limit. Logged as well; the slave is answered.
         */
        default void requestRefused(String context, String service, ActionType action, String reason) {}

        /** A slave sent faster than its flood limit; {@code what} says what was dropped or refused. */
        default void throttled(String context, String what) {}
    }

    private final MasterSettings settings;
    private final Function<ActionRequest, CompletionStage<ActionOutcome>> executor;
    private final RequestLedger ledger;
    private final Listener listener;
    private final PeerCredentials credentials;
    private final MasterPolicy policy;
    private final Map<FrameConnection, Peer> peers = new ConcurrentHashMap<>();
    private final Map<String, Peer> byContext = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<ActionOutcome>> running = new ConcurrentHashMap<>();
    private final AtomicInteger connectionNumber = new AtomicInteger();
    private final ScheduledExecutorService reaper;
    private volatile ServerSocketChannel server;
    private volatile boolean closed;
    private Thread acceptThread;

    /** Per-connection state. */
    private static final class Peer {
        final FrameConnection connection;
        final String user;
        final PeerIdentity identity;
        volatile String context;
        volatile long lastHeartbeatSent = System.nanoTime();
        final AtomicInteger inFlight = new AtomicInteger();
        final FloodGate flood;

        Peer(FrameConnection connection, String user, PeerIdentity identity, FloodLimits limits) {
            this.connection = connection;
            this.user = user;
            this.identity = identity;
            this.flood = new FloodGate(limits, System::nanoTime);
        }
    }

    /**
     * @param settings where and how to listen
     * @param executor runs a slave's system action (normally {@code LocalActionExecutor::execute})
     * @param ledger remembers requests so none runs twice
     * @param listener receives slaves' failure notices
     */
    public MasterServer(
            MasterSettings settings,
            Function<ActionRequest, CompletionStage<ActionOutcome>> executor,
            RequestLedger ledger,
            Listener listener)
            throws IOException {
        this(settings, MasterPolicy.defaults(), executor, ledger, listener);
    }

    /**
     * @param settings where and how to listen
     * @param policy who may claim which context and request what, and the flood limits
     * @param executor runs a slave's system action (normally {@code LocalActionExecutor::execute})
     * @param ledger remembers requests so none runs twice
     * @param listener receives slaves' failure notices
     */
    public MasterServer(
            MasterSettings settings,
            MasterPolicy policy,
            Function<ActionRequest, CompletionStage<ActionOutcome>> executor,
            RequestLedger ledger,
            Listener listener)
            throws IOException {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.listener = Objects.requireNonNull(listener, "listener");
        Set<Integer> uids = new TreeSet<>(settings.allowedUids());
        uids.addAll(policy.contexts().grantedUids());
        this.credentials = new PeerCredentials(uids);
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(null, r, "rmgr-master-reaper", 256 * 1024);
            t.setDaemon(true);
            return t;
        });
    }

    /** Creates the socket and starts accepting. */
    public synchronized void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        Path socket = settings.socket();
        prepareSocketPath(socket);
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot listen on " + socket + ": " + e.getMessage(), e);
        }
        server = ch;
        acceptThread = new Thread(null, this::acceptLoop, "rmgr-master-accept", 256 * 1024);
        acceptThread.setDaemon(true);
        acceptThread.start();
        long tick = Math.max(20, settings.timeout().toMillis() / 10);
        reaper.scheduleAtFixedRate(this::reap, tick, tick, TimeUnit.MILLISECONDS);
        log.info(
                "master {} listening on {} (allowed uids {}; contexts: {}; {})",
                settings.context(),
                socket,
                settings.allowedUids(),
                policy.contexts(),
                policy.limits());
    }

    private void prepareSocketPath(Path socket) throws IOException {
        Path dir = socket.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
        }
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        int mode = (Integer) Files.getAttribute(socket, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & 0170000) != 0140000) {
            throw new IOException(socket + " exists and is not a socket; refusing to replace it");
        }
        boolean live;
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            live = probe.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            live = false;
        }
        if (live) {
            throw new IOException("another master is listening on " + socket);
        }
        log.info("replacing stale socket {}", socket);
        Files.delete(socket);
    }

    /** The contexts of the slaves connected now. */
    public Set<String> connectedContexts() {
        return new TreeSet<>(byContext.keySet());
    }

    /** Tells every slave except the one of {@code context} that a service failed there. */
    public void broadcastServiceFailure(String context, String service) {
        broadcast(new ServiceFailureNotice(context, service), context);
    }

    /**
     * Tells every slave that a process crashed in {@code context}, the slave of that context
     * included: crashes are observed on the master only, so that slave's process friends learn of
     * the crash from nowhere else.
     */
    public void broadcastProcessCrash(String context, String process) {
        broadcast(new ProcessCrashNotice(context, process), null);
    }

    /** Sends to every slave but the one of {@code exceptContext} (all slaves when it is null). */
    private void broadcast(Message message, String exceptContext) {
        for (Peer peer : byContext.values()) {
            if (!peer.context.equals(exceptContext)) {
                peer.connection.send(message);
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                log.error("accept on {} failed", settings.socket(), e);
                continue;
            }
            try {
                admit(ch);
            } catch (RuntimeException | IOException e) {
                log.error("could not admit a connection", e);
                closeQuietly(ch);
            }
        }
    }

    private void admit(SocketChannel ch) throws IOException {
        int n = connectionNumber.incrementAndGet();
        PeerCredentials.Verdict verdict = credentials.check(ch);
        if (!verdict.allowed()) {
            log.warn("refused connection #{} on {}: {}", n, settings.socket(), verdict.reason());
            refuseNow(ch, "not allowed: " + verdict.reason());
            listener.connectionClosed("#" + n + " " + verdict.user(), "not allowed: " + verdict.reason(), true);
            return;
        }
        if (peers.size() >= settings.maxConnections()) {
            log.warn("refused connection #{} from {}: {} connections open already", n, verdict.user(), peers.size());
            refuseNow(ch, "too many connections");
            listener.connectionClosed("#" + n + " " + verdict.user(), "too many connections", true);
            return;
        }
        PeerIdentity identity = new PeerIdentity(verdict.uid(), machineOf(ch));
        FrameConnection connection = new FrameConnection(
                ch, "#" + n + " " + verdict.user(), settings.outboundQueueFrames(), new PeerHandler());
        peers.put(connection, new Peer(connection, verdict.user(), identity, policy.limits()));
        connection.start();
        log.debug("accepted connection {}", connection.label());
    }

    private Optional<String> machineOf(SocketChannel ch) {
        try {
            return policy.machines().machineOf(ch);
        } catch (RuntimeException e) {
            log.warn("cannot look up the machine of a peer; treating it as no machine's: {}", e.toString());
            return Optional.empty();
        }
    }

    /** Writes a refusal without blocking (the socket buffer of a fresh connection is empty). */
    private static void refuseNow(SocketChannel ch, String reason) {
        try {
            ch.configureBlocking(false);
            ch.write(ByteBuffer.wrap(FrameCodec.encode(new Refused(reason))));
        } catch (IOException e) {
            // the peer is gone already
        } finally {
            closeQuietly(ch);
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    private void reap() {
        long timeout = settings.timeout().toNanos();
        long heartbeatEvery = timeout / 3;
        for (Peer peer : peers.values()) {
            FrameConnection c = peer.connection;
            if (peer.context == null && c.nanosOpen() > timeout) {
                c.close("no hello within " + settings.timeout(), true);
            } else if (c.nanosSinceLastReceived() > timeout) {
                c.close("silent for longer than " + settings.timeout() + " (no heartbeat)", true);
            } else if (c.nanosInCurrentWrite() > timeout) {
                c.close("a write blocked for longer than " + settings.timeout() + ": peer does not read", true);
            } else if (peer.context != null && System.nanoTime() - peer.lastHeartbeatSent > heartbeatEvery) {
                peer.lastHeartbeatSent = System.nanoTime();
                c.send(new Heartbeat());
            }
        }
    }

    /** Handles one connection's messages. */
    private final class PeerHandler implements FrameConnection.Handler {
        @Override
        public void onMessage(FrameConnection connection, Message message) {
            Peer peer = peers.get(connection);
            if (peer == null) {
                return;
            }
            if (peer.context == null) {
                if (message instanceof Hello hello) {
                    hello(peer, hello);
                } else {
                    connection.close("expected hello, got frame type " + message.type(), true);
                }
                return;
            }
            if (message instanceof Request request) {
                request(peer, request);
            } else if (message instanceof ServiceFailureNotice notice) {
                if (!notice.context().equals(peer.context)) {
                    connection.close(
                            "failure notice names context '" + Names.printable(notice.context())
                                    + "' on a connection bound to '" + peer.context + "'",
                            true);
                    return;
                }
                FloodGate.Verdict verdict = peer.flood.notice(notice.service());
                if (verdict != FloodGate.Verdict.PASS) {
                    noteThrottled(peer, verdict);
                    return;
                }
                log.info("slave {} reports failure of {}", peer.context, Names.printable(notice.service()));
                broadcast(notice, peer.context);
                listener.serviceFailedElsewhere(peer.context, notice.service());
            } else if (message instanceof Heartbeat) {
                // liveness only; the connection noted the time
            } else if (message instanceof ErrorReply error) {
                log.warn("slave {} reports an error: {}", peer.context, Names.printable(error.reason()));
            } else {
                connection.close("unexpected frame type " + message.type() + " from a slave", true);
            }
        }

        @Override
        public void onClosed(FrameConnection connection, String reason, boolean violation) {
            Peer peer = peers.remove(connection);
            if (violation) {
                log.warn("closed connection {}: {}", connection.label(), reason);
            } else {
                log.info("connection {} closed: {}", connection.label(), reason);
            }
            if (peer != null && peer.context != null && byContext.remove(peer.context, peer)) {
                listener.slaveDisconnected(peer.context, reason);
            }
            listener.connectionClosed(connection.label(), reason, violation);
        }
    }

    private void hello(Peer peer, Hello hello) {
        FrameConnection c = peer.connection;
        if (hello.version() != FrameCodec.VERSION) {
            c.sendAndClose(
                    new Refused("protocol version " + hello.version() + " not supported; this master speaks "
                            + FrameCodec.VERSION),
                    "unsupported protocol version " + hello.version());
            return;
        }
        Optional<String> problem = Names.contextProblem(hello.context());
        if (problem.isPresent()) {
            c.sendAndClose(new Refused(problem.get()), "invalid context at hello: " + problem.get());
            return;
        }
        if (hello.context().equals(settings.context())) {
            c.sendAndClose(
                    new Refused("context '" + hello.context() + "' is the master's own"),
                    "claimed the master's own context '" + hello.context() + "'");
            return;
        }
        Optional<String> claim = policy.contexts().claimProblem(hello.context(), peer.identity);
        if (claim.isPresent()) {
            c.sendAndClose(new Refused(claim.get()), "claim refused: " + claim.get());
            return;
        }
        if (byContext.putIfAbsent(hello.context(), peer) != null) {
            c.sendAndClose(
                    new Refused("context '" + hello.context() + "' is already connected"),
                    "claimed context '" + hello.context() + "', which another live connection holds");
            return;
        }
        peer.context = hello.context();
        if (!c.isOpen()) { // closed (by the reaper) while binding: do not leave the context taken
            byContext.remove(hello.context(), peer);
            return;
        }
        c.label("slave " + hello.context() + " (" + peer.user + ")");
        c.send(new HelloAck(FrameCodec.VERSION, settings.context()));
        log.info("slave {} connected as {}", hello.context(), peer.user);
        listener.slaveConnected(hello.context(), peer.user);
    }

    private void request(Peer peer, Request m) {
        String context = peer.context;
        if (!m.action().isSystemLevel()) {
            peer.connection.send(new ErrorReply(
                    Optional.of(m.requestId()), m.action() + " is not a system-level action; a slave runs it itself"));
            return;
        }
        if (!policy.contexts().permits(context, m.action())) {
            refuse(
                    peer,
                    m,
                    "refused: context " + context + " may not request " + m.action() + " (allowed: "
                            + policy.contexts().actionsOf(context) + ")");
            return;
        }
        if (peer.inFlight.get() >= settings.maxRequestsInFlight()) {
            // not recorded in the ledger: the slave resends it after reconnecting
            peer.connection.close("more than " + settings.maxRequestsInFlight() + " requests in flight", true);
            return;
        }
        String key = context + '\u0000' + m.requestId();
        CompletableFuture<ActionOutcome> future = new CompletableFuture<>();
        if (running.putIfAbsent(key, future) != null) {
            // running in this master process: its completion acknowledges the context's connection
            log.info(
                    "request {} of {} seen again while running; will answer when done",
                    Names.printable(m.requestId()),
                    context);
            return;
        }
        boolean started = false;
        try {
            started = begin(peer, m, key);
        } finally {
            if (!started) {
                running.remove(key, future);
            }
        }
        if (!started) {
            return;
        }
        ActionRequest request = new ActionRequest(
                m.requestId(),
                context,
                m.service(),
                m.action(),
                m.rvector(),
                m.path(),
                Instant.ofEpochMilli(m.atEpochMillis()));
        log.info(
                "slave {} requests {} for {} (request {})",
                context,
                m.action(),
                Names.printable(m.service()),
                Names.printable(m.requestId()));
        peer.inFlight.incrementAndGet();
        future.whenComplete((outcome, error) -> {
            ActionOutcome o = error != null ? ActionOutcome.failed(m.action() + " failed: " + error) : outcome;
            try {
                ledger.complete(context, m.requestId(), o);
            } catch (RuntimeException e) {
                log.error(
                        "could not record the outcome of request {} of {} in the ledger; answering it anyway",
                        Names.printable(m.requestId()),
                        context,
                        e);
            } finally {
                peer.inFlight.decrementAndGet();
                running.remove(key);
                acknowledge(context, m.requestId(), o.success() ? Ack.Outcome.OK : Ack.Outcome.FAILED, o.detail());
            }
        });
        try {
            executor.apply(request).whenComplete((o, e) -> {
                if (e != null) {
                    future.completeExceptionally(e);
                } else {
                    future.complete(o);
                }
            });
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        }
    }

    /**
     * Consults the ledger (and the flood limit) for a request not running in this process. Returns
     * true when the caller must run it; otherwise the request has been answered.
     */
    private boolean begin(Peer peer, Request m, String key) {
        String context = peer.context;
        Optional<RequestLedger.Entry> known;
        try {
            known = ledger.peek(context, m.requestId());
        } catch (RuntimeException e) {
            known = Optional.empty(); // begin below reports the ledger's trouble
        }
        if (known.isEmpty() && !peer.flood.request()) {
            refuse(peer, m, "throttled: context " + context + " sent requests faster than its flood limit; not run");
            listener.throttled(context, "request " + m.requestId());
            return false;
        }
        try {
            known = ledger.begin(context, m.requestId(), Instant.now());
        } catch (RuntimeException e) {
            return notRecorded(m, context, "request", e);
        }
        if (known.isEmpty()) {
            return executing(m, context);
        }
        if (known.get() instanceof RequestLedger.Started && ledger.tracksExecution()) {
            log.warn(
                    "request {} of {} was recorded by an earlier master run that died before running it;"
                            + " running it now",
                    Names.printable(m.requestId()),
                    context);
            return executing(m, context);
        }
        if (known.get() instanceof RequestLedger.Completed done) {
            log.info(
                    "request {} of {} seen again; answering with its earlier outcome",
                    Names.printable(m.requestId()),
                    context);
            ActionOutcome o = done.outcome();
            acknowledge(context, m.requestId(), o.success() ? Ack.Outcome.OK : Ack.Outcome.FAILED, o.detail());
        } else {
            log.warn(
                    "request {} of {} was handed to the executor by an earlier master run that did not record"
                            + " how it ended (or its outcome could not be recorded); not running it again;"
                            + " answering \"unknown\"",
                    Names.printable(m.requestId()),
                    context);
            acknowledge(
                    context,
                    m.requestId(),
                    Ack.Outcome.UNKNOWN,
                    "started by an earlier master run that did not record how it ended; not run again");
        }
        return false;
    }

    /** Records that the request goes to the executor now; false (answered failed) when that fails. */
    private boolean executing(Request m, String context) {
        try {
            ledger.executing(context, m.requestId(), Instant.now());
            return true;
        } catch (RuntimeException e) {
            return notRecorded(m, context, "the execution of request", e);
        }
    }

    /**
     * Logs that the ledger could not record {@code what} (so the request is not run) and answers it failed;
     * always false.
     */
    private boolean notRecorded(Request m, String context, String what, RuntimeException e) {
        log.error(
                "could not record {} {} of {} in the ledger; not running it",
                what,
                Names.printable(m.requestId()),
                context,
                e);
        acknowledge(
                context,
                m.requestId(),
                Ack.Outcome.FAILED,
                "not run: the master could not record the request (" + e.getMessage() + ")");
        return false;
    }

    /** Refuses a request that is not run (policy or flood limit): logs it, tells the listener, then answers. */
    private void refuse(Peer peer, Request m, String reason) {
        log.warn(
                "slave {} (request {}, {} for {}): {}",
                peer.context,
                Names.printable(m.requestId()),
                m.action(),
                Names.printable(m.service()),
                reason);
        // recorded (the daemon writes it to its history) before it is answered: a slave that has
        // the answer can rely on the master's record of it
        try {
            listener.requestRefused(peer.context, m.service(), m.action(), reason);
        } catch (RuntimeException e) {
            log.warn("listener failed on a refused request: {}", e.toString());
        }
        peer.connection.send(new Ack(m.requestId(), Ack.Outcome.FAILED, reason));
    }

    private void noteThrottled(Peer peer, FloodGate.Verdict verdict) {
        long dropped = peer.flood.droppedSinceLastReport(verdict);
        if (dropped > 0) {
            log.warn(
                    "slave {} floods failure notices: dropped {} {} since the last report",
                    peer.context,
                    dropped,
                    verdict == FloodGate.Verdict.DUPLICATE ? "duplicates" : "over the rate limit");
            listener.throttled(peer.context, dropped + " failure notice(s)");
        }
    }

    /** Sends the outcome to the context's current connection, if it has one (else it will resend). */
    private void acknowledge(String context, String requestId, Ack.Outcome outcome, String detail) {
        Peer current = byContext.get(context);
        if (current == null) {
            log.info(
                    "{} not connected; its request {} will be answered when it resends",
                    context,
                    Names.printable(requestId));
            return;
        }
        current.connection.send(new Ack(requestId, outcome, FrameCodec.truncate(detail, FrameCodec.MAX_TEXT / 4)));
    }

    /** Stops listening, closes every connection and removes the socket file. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        reaper.shutdownNow();
        ServerSocketChannel ch = server;
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                log.debug("closing server socket: {}", e.toString());
            }
            try {
                Files.deleteIfExists(settings.socket());
            } catch (IOException e) {
                log.warn("could not remove {}: {}", settings.socket(), e.toString());
            }
        }
        for (Peer peer : peers.values()) {
            peer.connection.close("master shutting down", false);
        }
        if (acceptThread != null) {
            try {
                acceptThread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        log.info("master {} stopped", settings.context());
    }
}
