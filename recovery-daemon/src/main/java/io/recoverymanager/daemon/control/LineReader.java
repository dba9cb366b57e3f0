package io.recoverymanager.daemon.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads one newline-terminated line of at most a given number of bytes from a channel, so a peer
 * can never make the reader buffer more than that.
 *
 * <p>Thread-safety: stateless.
 */
final class LineReader {
    private LineReader() {}

    /** The outcome of a read. */
    sealed interface Line {
        /** A complete line (without the newline); also the bytes before end of stream. */
        record Complete(String text) implements Line {}

        /** More than the limit arrived without a newline. */
        record TooLong(int limit) implements Line {}

        /** The stream ended before any byte arrived. */
        record Empty() implements Line {}
    }

    static Line read(ReadableByteChannel channel, int maxBytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(maxBytes + 1);
        while (true) {
            int start = buffer.position();
            int n = channel.read(buffer);
            Optional<Integer> newline = find(buffer, start);
            if (newline.isPresent()) {
                return new Line.Complete(decode(buffer, newline.get()));
            }
            if (!buffer.hasRemaining()) {
                return new Line.TooLong(maxBytes);
            }
            if (n < 0) {
                return buffer.position() == 0 ? new Line.Empty() : new Line.Complete(decode(buffer, buffer.position()));
            }
        }
    }

    private static Optional<Integer> find(ByteBuffer buffer, int from) {
        for (int i = from; i < buffer.position(); i++) {
            if (buffer.get(i) == '\n') {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private static String decode(ByteBuffer buffer, int end) {
        return new String(buffer.array(), 0, end, StandardCharsets.UTF_8);
    }
}
