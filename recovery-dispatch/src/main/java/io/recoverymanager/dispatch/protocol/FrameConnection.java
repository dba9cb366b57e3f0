package io.recoverymanager.dispatch.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One framed connection over a blocking AF_UNIX {@link SocketChannel}, with a reader thread and a
 * writer thread of its own, so a slow or hostile peer blocks only its own two threads.
 *
 * <p>The reader decodes frames strictly and hands each message to the {@link Handler} on the reader
 * thread (handlers must return quickly); any protocol violation closes this connection only. Sends
 * go through a bounded queue: when it is full the peer is too slow and the connection is closed
 * rather than letting memory grow or the sender block. Read and write deadlines are enforced from
 * outside (the owner's reaper calls {@link #close} using {@link #nanosSinceLastReceived()} and
 * {@link #nanosInCurrentWrite()}); closing the channel wakes both threads.
 *
 * <p>Thread-safety: {@link #send}, {@link #close} and the accessors may be called from any thread.
 */
public final class FrameConnection {
    private static final Logger log = LoggerFactory.getLogger(FrameConnection.class);
    private static final long THREAD_STACK = 256 * 1024;
    private static final byte[] POISON = new byte[0];
    private static final byte[] CLOSE_AFTER_FLUSH = new byte[0];

    /** Receives what happens on a connection. */
    public interface Handler {
        /** A well-formed message arrived (called on the connection's reader thread). */
        void onMessage(FrameConnection connection, Message message);

        /**
         * The connection closed, exactly once.
         *
         * @param reason why, in words
         * @param violation true when the peer broke the protocol (bad frame, too slow, ...)
         */
        void onClosed(FrameConnection connection, String reason, boolean violation);
    }

    private final SocketChannel channel;
    private final Handler handler;
    private final BlockingQueue<byte[]> outbound;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong lastReceived = new AtomicLong(System.nanoTime());
    private final AtomicLong writeStarted = new AtomicLong();
    private final long openedAt = System.nanoTime();
    private volatile String label;
    private volatile String closeAfterFlushReason;
    private final Thread reader;
    private final Thread writer;

    public FrameConnection(SocketChannel channel, String label, int outboundCapacity, Handler handler) {
        this.channel = channel;
        this.label = label;
        this.handler = handler;
        this.outbound = new ArrayBlockingQueue<>(outboundCapacity);
        this.reader = new Thread(null, this::readLoop, "rmgr-read " + label, THREAD_STACK);
        this.writer = new Thread(null, this::writeLoop, "rmgr-write " + label, THREAD_STACK);
        reader.setDaemon(true);
        writer.setDaemon(true);
    }

    /** Starts the reader and writer threads. */
    public void start() {
        reader.start();
        writer.start();
    }

    /** A name for log lines: the peer's context once known. */
    public String label() {
        return label;
    }

    public void label(String newLabel) {
        this.label = newLabel;
    }

    /**
     * Queues a message for sending. Returns false (and closes the connection) when the queue is
     * full; returns false when the connection is closed.
     */
    public boolean send(Message message) {
        if (closed.get()) {
            return false;
        }
        byte[] frame = FrameCodec.encode(message);
        if (!outbound.offer(frame)) {
            close("outbound queue full (" + outbound.size() + " frames): peer does not read", true);
            return false;
        }
        return true;
    }

    /**
     * Queues a last message, stops handing further incoming messages to the handler, and closes the
     * connection once the message is written (or at once if the queue is full). For refusals.
     */
    public void sendAndClose(Message message, String reason) {
        if (closed.get() || closeAfterFlushReason != null) {
            return;
        }
        closeAfterFlushReason = reason;
        byte[] frame = FrameCodec.encode(message);
        if (!outbound.offer(frame) || !outbound.offer(CLOSE_AFTER_FLUSH)) {
            close(reason, true);
        }
    }

    public boolean isOpen() {
        return !closed.get();
    }

    /** Nanoseconds since the last complete frame arrived (or since the connection opened). */
    public long nanosSinceLastReceived() {
        return System.nanoTime() - lastReceived.get();
    }

    /** Nanoseconds the current write has been blocked, 0 when no write is in progress. */
    public long nanosInCurrentWrite() {
        long started = writeStarted.get();
        return started == 0 ? 0 : System.nanoTime() - started;
    }

    /** Nanoseconds since the connection was opened. */
    public long nanosOpen() {
        return System.nanoTime() - openedAt;
    }

    /**
     * Closes the connection (idempotent); the handler hears of it once. A connection already being
     * closed after a last message ({@link #sendAndClose}) is closed for that reason, whoever gets
     * here first: the peer that read the refusal and hung up races the writer.
     */
    public void close(String reason, boolean violation) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        String refusal = closeAfterFlushReason;
        if (refusal != null) {
            reason = refusal;
            violation = true;
        }
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing {}: {}", label, e.toString());
        }
        outbound.clear();
        outbound.offer(POISON);
        try {
            handler.onClosed(this, reason, violation);
        } catch (RuntimeException e) {
            log.error("close handler of {} failed", label, e);
        }
    }

    private void readLoop() {
        ByteBuffer header = ByteBuffer.allocate(FrameCodec.HEADER);
        try {
            while (!closed.get()) {
                header.clear();
                if (!readFully(header, true)) {
                    close("peer closed the connection", false);
                    return;
                }
                int length = FrameCodec.checkBodyLength(header.getInt(0));
                ByteBuffer body = ByteBuffer.allocate(length);
                readFully(body, false);
                body.flip();
                Message message = FrameCodec.decodeBody(body);
                lastReceived.set(System.nanoTime());
                if (closeAfterFlushReason == null) {
                    handler.onMessage(this, message);
                }
            }
        } catch (ProtocolException e) {
            close("protocol violation: " + e.getMessage(), true);
        } catch (EOFException e) {
            close("protocol violation: " + e.getMessage(), true);
        } catch (IOException e) {
            close(closed.get() ? "closed" : "read failed: " + e, false);
        } catch (RuntimeException e) {
            log.error("handler of {} failed", label, e);
            close("internal error: " + e, false);
        }
    }

    /** Fills the buffer; false on a clean end of stream before the first byte when allowed. */
    private boolean readFully(ByteBuffer buffer, boolean eofAllowedAtStart) throws IOException {
        boolean first = true;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer);
            if (n < 0) {
                if (first && eofAllowedAtStart) {
                    return false;
                }
                throw new EOFException("connection closed in the middle of a frame");
            }
            first = false;
        }
        return true;
    }

    private void writeLoop() {
        try {
            while (true) {
                byte[] frame = outbound.take();
                if (frame == POISON || closed.get()) {
                    return;
                }
                if (frame == CLOSE_AFTER_FLUSH) {
                    close(closeAfterFlushReason, true);
                    return;
                }
                ByteBuffer buffer = ByteBuffer.wrap(frame);
                writeStarted.set(System.nanoTime());
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                writeStarted.set(0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            close(closed.get() ? "closed" : "write failed: " + e, false);
        }
    }
}
