package io.recoverymanager.systemd.wire;

import java.nio.channels.SocketChannel;
import org.freedesktop.dbus.spi.message.IMessageReader;
import org.freedesktop.dbus.spi.message.IMessageWriter;
import org.freedesktop.dbus.spi.message.ISocketProvider;
import org.freedesktop.dbus.spi.message.InputStreamMessageReader;

/**
 * The socket provider dbus-java finds through {@code
 * META-INF/services/org.freedesktop.dbus.spi.message.ISocketProvider}: dbus-java's own reader, and a
 * {@link WholeMessageWriter}. Like dbus-java's built-in provider it passes no file descriptors (the
 * adapter sends none).
 *
 * <p>Thread-safety: thread-safe (stateless).
 */
public final class WholeMessageSocketProvider implements ISocketProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public WholeMessageSocketProvider() {}

    @Override
    public IMessageReader createReader(SocketChannel socket) {
        return new InputStreamMessageReader(socket);
    }

    @Override
    public IMessageWriter createWriter(SocketChannel socket) {
        return new WholeMessageWriter(socket);
    }

    @Override
    public void setFileDescriptorSupport(boolean support) {
        // No file descriptors are passed.
    }

    @Override
    public boolean isFileDescriptorPassingSupported() {
        return false;
    }
}
