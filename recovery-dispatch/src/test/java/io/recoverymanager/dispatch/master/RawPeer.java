package io.recoverymanager.dispatch.master;

import io.recoverymanager.dispatch.protocol.FrameCodec;
import io.recoverymanager.dispatch.protocol.Message;
import io.recoverymanager.dispatch.protocol.ProtocolException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;

/** A hand-driven peer for hostile tests: writes arbitrary bytes, reads frames with deadlines. */
final class RawPeer implements AutoCloseable {
    private final SocketChannel channel;
    private final Selector selector;
    private final ByteBuffer in = ByteBuffer.allocate(FrameCodec.HEADER + FrameCodec.MAX_BODY);

    RawPeer(Path socket) throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        channel.configureBlocking(false);
        selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
    }

    void write(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    void send(Message m) throws IOException {
        write(FrameCodec.encode(m));
    }

    /** The next frame, or null when the peer closed the connection; fails after the deadline. */
    Message read(Duration deadline) throws IOException, ProtocolException {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            in.flip();
            if (in.remaining() >= FrameCodec.HEADER) {
                int length = in.getInt(in.position());
                if (in.remaining() >= FrameCodec.HEADER + length) {
                    byte[] frame = new byte[FrameCodec.HEADER + length];
                    in.get(frame);
                    in.compact();
                    return FrameCodec.decodeFrame(frame);
                }
            }
            in.compact();
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no frame and no close within " + deadline);
            }
            selector.select(Math.max(1, left / 1_000_000));
            selector.selectedKeys().clear();
            int n;
            try {
                n = channel.read(in);
            } catch (java.net.SocketException e) {
                return null; // reset: the master closed with our unread bytes pending
            }
            if (n < 0) {
                return null;
            }
        }
    }

    /** Reads (and discards) until the master closes the connection; fails after the deadline. */
    void awaitClosed(Duration deadline) throws IOException, ProtocolException {
        long end = System.nanoTime() + deadline.toNanos();
        while (read(Duration.ofNanos(Math.max(1, end - System.nanoTime()))) != null) {
            // discard heartbeats and refusals
        }
    }

    @Override
    public void close() throws IOException {
        selector.close();
        channel.close();
    }
}
