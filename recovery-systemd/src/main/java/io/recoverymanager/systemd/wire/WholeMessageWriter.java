package io.recoverymanager.systemd.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.Objects;
import org.freedesktop.dbus.messages.Message;
import org.freedesktop.dbus.spi.message.IMessageWriter;

/**
 * Writes each message with one gathering write ({@code writev(2)}) of all its wire buffers.
 *
 * <p>dbus-java's own writer makes one {@code write(2)} per marshalled piece: about forty for a
 * {@code RestartUnit} call, and the bus daemon wakes for many of them. Every call on the failure
 * path pays that, so this writer sends the pieces together.
 *
 * <p>Thread-safety: not thread-safe; dbus-java serialises the writes of a connection.
 */
public final class WholeMessageWriter implements IMessageWriter {
    private final GatheringByteChannel channel;

    /** A writer onto {@code channel}, which must be in blocking mode. */
    public WholeMessageWriter(GatheringByteChannel channel) {
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    @Override
    public void writeMessage(Message message) throws IOException {
        if (message != null) {
            write(message.getWireData());
        }
    }

    /** Writes the buffers up to the first {@code null} (dbus-java leaves unused slots at the end). */
    void write(byte[][] wire) throws IOException {
        if (wire == null) {
            return;
        }
        int count = 0;
        while (count < wire.length && wire[count] != null) {
            count++;
        }
        ByteBuffer[] buffers = new ByteBuffer[count];
        long remaining = 0;
        for (int i = 0; i < count; i++) {
            buffers[i] = ByteBuffer.wrap(wire[i]);
            remaining += wire[i].length;
        }
        while (remaining > 0) {
            long written = channel.write(buffers);
            if (written < 0) {
                throw new IOException("the bus socket refused the message");
            }
            remaining -= written;
        }
    }

    @Override
    public boolean isClosed() {
        return !channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
