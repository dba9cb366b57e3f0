package io.recoverymanager.dispatch.slave;

import io.recoverymanager.core.model.ActionOutcome;
import io.recoverymanager.core.model.ActionRequest;
import io.recoverymanager.core.spi.Outbox;
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
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A slave's link to its master.
 *
 * <p>A link thread connects, sends {@link Hello}, and after the master's {@link HelloAck} sends
 * every request still in the {@link Outbox}; it sends heartbeats, closes a connection on which the
 * master stays silent longer than the timeout, and reconnects with exponential backoff. {@link
 * #forward} puts a request in the outbox <em>before</em> sending it; the request leaves the outbox
 * only when the master acknowledges it (or rejects it for good with an error naming its id). The
 * master de-duplicates by request id, so resending is always safe.
 *
 * <p>The stage {@link #forward} returns completes with the master's outcome, or after {@code
 * ackWait} with a failed outcome saying the request is queued and will be resent (decision: the
 * engine only records the outcome and must not wait indefinitely for a master that may be down);
 * a later acknowledgement still removes the request and is reported to {@link
 * Listener#acknowledged}.
 *
 * <p>Thread-safety: safe for use from any thread.
 */
public final class SlaveLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SlaveLink.class);

    /** What the slave learns from the master. Called on the link's threads; return quickly. */
    public interface Listener {
        /** A service failed in another context. */
        void serviceFailedElsewhere(String context, String service);

        /** A process crashed in another context. */
        void processCrashed(String context, String process);

        /** The master accepted the hello. */
        default void connected(String masterContext) {}

        /** The connection to the master closed. */
        default void disconnected(String reason) {}

        /** The master answered a forwarded request (possibly after its stage had completed). */
        default void acknowledged(String requestId, ActionOutcome outcome) {}
    }

    private final SlaveSettings settings;
    private final Outbox outbox;
    private final Listener listener;
    private final Map<String, CompletableFuture<ActionOutcome>> waiting = new ConcurrentHashMap<>();
    private final Set<String> awaitingAck = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<Message> notices = new ArrayBlockingQueue<>(256);
    private final ScheduledExecutorService timers;
    private final Object lock = new Object();
    private volatile FrameConnection current;
    private volatile boolean helloAcked;
    private volatile boolean closed;
    private Thread linkThread;

    public SlaveLink(SlaveSettings settings, Outbox outbox, Listener listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(null, r, "rmgr-slave-timers", 256 * 1024);
            t.setDaemon(true);
            return t;
        });
    }

    /** Whether something accepts connections on the socket (for run-mode detection). */
    public static boolean masterAnswers(Path socket) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return probe.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Starts connecting (and reconnecting) in the background. */
    public synchronized void start() {
        if (linkThread != null) {
            throw new IllegalStateException("already started");
        }
        linkThread = new Thread(null, this::linkLoop, "rmgr-slave-link", 256 * 1024);
        linkThread.setDaemon(true);
        linkThread.start();
    }

    /** Whether the master has accepted this slave's hello on the current connection. */
    public boolean isConnected() {
        FrameConnection c = current;
        return c != null && c.isOpen() && helloAcked;
    }

    /**
     * Forwards a system-level action: stores it in the outbox, sends it if connected, and completes
     * when the master acknowledges it or after {@code ackWait}. Never completes exceptionally.
     */
    public CompletionStage<ActionOutcome> forward(ActionRequest request) {
        Objects.requireNonNull(request, "request");
        if (closed) {
            return CompletableFuture.completedFuture(ActionOutcome.failed("not forwarded: the link is closed"));
        }
        try {
            outbox.put(request);
        } catch (RuntimeException e) {
            log.error("could not store request {} in the outbox", request.requestId(), e);
            return CompletableFuture.completedFuture(
                    ActionOutcome.failed("not forwarded: could not store it in the outbox: " + e));
        }
        CompletableFuture<ActionOutcome> future =
                waiting.computeIfAbsent(request.requestId(), id -> new CompletableFuture<>());
        awaitingAck.add(request.requestId());
        synchronized (lock) {
            if (isConnected()) {
                current.send(toMessage(request));
            }
        }
        scheduleAckWait(request, future);
        return future;
    }

    private void scheduleAckWait(ActionRequest request, CompletableFuture<ActionOutcome> future) {
        try {
            timers.schedule(
                    () -> {
                        if (waiting.remove(request.requestId(), future)) {
                            future.complete(
                                    ActionOutcome.failed("queued in the outbox; the master has not acknowledged it"
                                            + " within " + settings.ackWait() + " ("
                                            + (isConnected() ? "connected" : "unreachable")
                                            + "); it will be resent until it does"));
                        }
                    },
                    settings.ackWait().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            future.complete(ActionOutcome.failed("slave shut down; the request stays in the outbox"));
        }
    }

    /** Tells the master (and through it the other slaves) that a service of this context failed. */
    public void reportServiceFailure(String service) {
        Message notice = new ServiceFailureNotice(settings.context(), service);
        synchronized (lock) {
            if (isConnected()) {
                current.send(notice);
            } else if (!notices.offer(notice)) {
                log.warn("master unreachable and notice queue full; dropping failure notice of {}", service);
            }
        }
    }

    private static Request toMessage(ActionRequest r) {
        return new Request(r.requestId(), r.service(), r.action(), r.rvector(), r.dataPath(), r.at().toEpochMilli());
    }

    private void linkLoop() {
        long backoff = settings.backoffMin().toMillis();
        boolean reported = false;
        while (!closed) {
            boolean wasAcked = false;
            try {
                SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                try {
                    ch.connect(UnixDomainSocketAddress.of(settings.socket()));
                } catch (IOException e) {
                    ch.close();
                    throw e;
                }
                reported = false;
                wasAcked = runConnection(ch);
            } catch (IOException e) {
                if (!reported) {
                    log.warn("master at {} unreachable: {}; retrying with backoff", settings.socket(), e.getMessage());
                    reported = true;
                }
            } catch (InterruptedException e) {
                return;
            }
            if (wasAcked) {
                backoff = settings.backoffMin().toMillis();
            }
            if (closed) {
                return;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(backoff * 2, settings.backoffMax().toMillis());
        }
    }

    /** Runs one connection until it closes; returns whether the master accepted the hello. */
    private boolean runConnection(SocketChannel ch) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        FrameConnection c = new FrameConnection(ch, "master", 1024, new MasterHandler(done));
        synchronized (lock) {
            helloAcked = false;
            current = c;
        }
        boolean acked = false;
        try {
            c.start();
            c.send(new Hello(FrameCodec.VERSION, settings.context()));
            long timeout = settings.timeout().toNanos();
            long tick = Math.max(20, settings.timeout().toMillis() / 10);
            long lastHeartbeat = System.nanoTime();
            while (!done.await(tick, TimeUnit.MILLISECONDS)) {
                acked |= helloAcked;
                if (!helloAcked && c.nanosOpen() > timeout) {
                    c.close("no hello acknowledgement within " + settings.timeout(), true);
                } else if (c.nanosSinceLastReceived() > timeout) {
                    c.close("master silent for longer than " + settings.timeout(), true);
                } else if (c.nanosInCurrentWrite() > timeout) {
                    c.close("a write blocked for longer than " + settings.timeout(), true);
                } else if (helloAcked && System.nanoTime() - lastHeartbeat > timeout / 3) {
                    lastHeartbeat = System.nanoTime();
                    c.send(new Heartbeat());
                }
            }
            return acked || helloAcked;
        } finally {
            c.close("link stopped", false);
        }
    }

    /** Handles the master's messages on one connection. */
    private final class MasterHandler implements FrameConnection.Handler {
        private final CountDownLatch done;

        MasterHandler(CountDownLatch done) {
            this.done = done;
        }

        @Override
        public void onMessage(FrameConnection c, Message message) {
            if (!helloAcked) {
                if (message instanceof HelloAck ack) {
                    helloAcked(c, ack);
                } else if (message instanceof Refused refused) {
                    log.warn(
                            "master refused this slave ({}): {}",
                            settings.context(),
                            Names.printable(refused.reason()));
                    c.close("refused: " + refused.reason(), false);
                } else {
                    c.close("expected hello acknowledgement, got frame type " + message.type(), true);
                }
                return;
            }
            if (message instanceof Ack ack) {
                answered(ack.requestId(), outcomeOf(ack));
            } else if (message instanceof ErrorReply error) {
                if (error.requestId().isPresent()) {
                    answered(error.requestId().get(), ActionOutcome.failed("master rejected it: " + error.reason()));
                } else {
                    log.warn("master reports an error: {}", Names.printable(error.reason()));
                }
            } else if (message instanceof ServiceFailureNotice n) {
                listener.serviceFailedElsewhere(n.context(), n.service());
            } else if (message instanceof ProcessCrashNotice n) {
                listener.processCrashed(n.context(), n.process());
            } else if (message instanceof Heartbeat) {
                // liveness only
            } else {
                c.close("unexpected frame type " + message.type() + " from the master", true);
            }
        }

        @Override
        public void onClosed(FrameConnection c, String reason, boolean violation) {
            boolean wasAcked = helloAcked;
            if (violation) {
                log.warn("connection to master closed: {}", reason);
            } else if (wasAcked) {
                log.info("connection to master closed: {}", reason);
            }
            synchronized (lock) {
                if (current == c) {
                    helloAcked = false;
                }
            }
            if (wasAcked) {
                listener.disconnected(reason);
            }
            done.countDown();
        }
    }

    private void helloAcked(FrameConnection c, HelloAck ack) {
        synchronized (lock) {
            if (current != c) {
                return;
            }
            helloAcked = true;
            c.label("master " + ack.context());
            var pending = outbox.pending();
            for (ActionRequest r : pending) {
                awaitingAck.add(r.requestId());
                c.send(toMessage(r));
            }
            Message notice;
            while ((notice = notices.poll()) != null) {
                c.send(notice);
            }
            log.info(
                    "connected to master {} as {}; resent {} pending request(s)",
                    ack.context(),
                    settings.context(),
                    pending.size());
        }
        listener.connected(ack.context());
    }

    /** The engine-facing outcome of an acknowledgement; "unknown" is not a success and says so. */
    static ActionOutcome outcomeOf(Ack ack) {
        return switch (ack.outcome()) {
            case OK -> ActionOutcome.ok("master: " + ack.detail());
            case FAILED -> ActionOutcome.failed("master: " + ack.detail());
            case UNKNOWN -> ActionOutcome.failed("master: outcome unknown: " + ack.detail());
        };
    }

    private void answered(String requestId, ActionOutcome outcome) {
        outbox.remove(requestId);
        CompletableFuture<ActionOutcome> future = waiting.remove(requestId);
        if (future != null) {
            future.complete(outcome);
        }
        if (awaitingAck.remove(requestId)) {
            log.info("master answered request {}: {}", requestId, outcome);
            listener.acknowledged(requestId, outcome);
        }
    }

    /** Stops the link; pending requests stay in the outbox for the next start. */
    @Override
    public void close() {
        closed = true;
        Thread t;
        synchronized (this) {
            t = linkThread;
        }
        if (t != null) {
            t.interrupt();
        }
        FrameConnection c = current;
        if (c != null) {
            c.close("slave shutting down", false);
        }
        if (t != null) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        timers.shutdownNow();
        for (var e : waiting.entrySet()) {
            e.getValue()
                    .complete(ActionOutcome.failed(
                            "slave shut down before the master acknowledged; " + "the request stays in the outbox"));
        }
        waiting.clear();
    }
}
