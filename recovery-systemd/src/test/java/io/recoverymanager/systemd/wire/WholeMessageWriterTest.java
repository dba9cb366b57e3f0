package io.recoverymanager.systemd.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ServiceLoader;
import org.freedesktop.dbus.connections.transports.AbstractTransport;
import org.freedesktop.dbus.spi.message.ISocketProvider;
import org.junit.jupiter.api.Test;

class WholeMessageWriterTest {

    @Test
    void dbusJavaFindsTheProviderWhereItLooksForOne() {
        assertThat(ServiceLoader.load(ISocketProvider.class, AbstractTransport.class.getClassLoader()).stream()
                        .map(ServiceLoader.Provider::type))
                .containsExactly(WholeMessageSocketProvider.class);
    }

    @Test
    void aMessageGoesOutInOneWriteUpToItsFirstEmptySlot() throws IOException {
        RecordingChannel channel = new RecordingChannel(Integer.MAX_VALUE);
        new WholeMessageWriter(channel).write(new byte[][] {{'l', 1, 0, 1}, {4, 0, 0, 0}, {'a', 'b'}, null, {9}});

        assertThat(channel.calls).isEqualTo(1);
        assertThat(channel.received.toByteArray()).containsExactly('l', 1, 0, 1, 4, 0, 0, 0, 'a', 'b');
    }

    @Test
    void aShortWriteIsResumedWhereItStopped() throws IOException {
        RecordingChannel channel = new RecordingChannel(3);
        new WholeMessageWriter(channel).write(new byte[][] {{1, 2}, {3, 4, 5, 6}, {7}});

        assertThat(channel.received.toByteArray()).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(channel.calls).isEqualTo(3);
    }

    @Test
    void nothingIsWrittenForAnEmptyMessage() throws IOException {
        RecordingChannel channel = new RecordingChannel(Integer.MAX_VALUE);
        WholeMessageWriter writer = new WholeMessageWriter(channel);
        writer.write(null);
        writer.write(new byte[][] {null, {1}});

        assertThat(channel.calls).isZero();
    }

    @Test
    void closingTheWriterClosesTheSocket() throws IOException {
        RecordingChannel channel = new RecordingChannel(Integer.MAX_VALUE);
        WholeMessageWriter writer = new WholeMessageWriter(channel);
        assertThat(writer.isClosed()).isFalse();
        writer.close();
        assertThat(writer.isClosed()).isTrue();
    }

    /** Takes at most {@code limit} bytes per call, like a socket whose buffer is nearly full. */
    private static final class RecordingChannel implements GatheringByteChannel {
        private final int limit;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private int calls;
        private boolean open = true;

        RecordingChannel(int limit) {
            this.limit = limit;
        }

        @Override
        public long write(ByteBuffer[] sources, int offset, int length) {
            calls++;
            long taken = 0;
            for (int i = offset; i < offset + length && taken < limit; i++) {
                while (sources[i].hasRemaining() && taken < limit) {
                    received.write(sources[i].get());
                    taken++;
                }
            }
            return taken;
        }

        @Override
        public long write(ByteBuffer[] sources) {
            return write(sources, 0, sources.length);
        }

        @Override
        public int write(ByteBuffer source) {
            return (int) write(new ByteBuffer[] {source});
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
