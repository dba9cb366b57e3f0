package io.recoverymanager.systemd.notify;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An unbound AF_UNIX datagram socket that sends whole datagrams to a socket path (the JDK has no
 * Unix datagram channel). The journal's native protocol uses it ({@code
 * /run/systemd/journal/socket}).
 *
 * <p>Thread-safety: thread-safe; sends are serialised.
 */
public final class UnixDatagram implements AutoCloseable {
    private int fd = -1;
    private boolean closed;

    /**
     * Sends one datagram.
     *
     * @throws IOException when the socket cannot be created or the kernel refuses the datagram
     *     (no such socket, too large, nobody reading), with the errno in the message
     */
    public synchronized void send(Path socket, byte[] datagram) throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        try {
            LibC.SocketAddressBytes address = LibC.sockaddr(socket.toString());
            if (fd < 0) {
                fd = LibC.INSTANCE.socket(LibC.AF_UNIX, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
            }
            LibC.INSTANCE.sendto(
                    fd,
                    datagram,
                    new NativeLong(datagram.length),
                    LibC.MSG_NOSIGNAL,
                    address.bytes(),
                    address.length());
        } catch (LastErrorException e) {
            throw new IOException("sendto " + socket + ": errno " + e.getErrorCode(), e);
        } catch (IllegalArgumentException | LinkageError e) {
            throw new IOException("sendto " + socket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (fd >= 0) {
            LibC.INSTANCE.close(fd);
            fd = -1;
        }
    }
}
