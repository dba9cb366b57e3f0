package io.recoverymanager.daemon.notify;

import com.sun.jna.NativeLong;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A real AF_UNIX datagram socket bound to a path or abstract name, standing in for systemd's
 * notification socket. Receives with a bounded timeout (SO_RCVTIMEO), so no test waits forever.
 */
public final class DatagramReceiver implements AutoCloseable {
    private final int fd;

    public DatagramReceiver(String address, long timeoutMillis) {
        fd = LibC.INSTANCE.socket(LibC.AF_UNIX, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        try {
            LibC.SocketAddressBytes sa = LibC.sockaddr(address);
            LibC.INSTANCE.bind(fd, sa.bytes(), sa.length());
            long[] timeval = {timeoutMillis / 1000, (timeoutMillis % 1000) * 1000};
            LibC.INSTANCE.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, timeval, 16);
        } catch (RuntimeException e) {
            LibC.INSTANCE.close(fd);
            throw e;
        }
    }

    /** The next datagram, or empty when none arrived within the timeout. */
    public Optional<String> receive() {
        byte[] buf = new byte[4096];
        try {
            long n = LibC.INSTANCE.recv(fd, buf, new NativeLong(buf.length), 0).longValue();
            return Optional.of(new String(buf, 0, (int) n, StandardCharsets.UTF_8));
        } catch (com.sun.jna.LastErrorException e) {
            // EAGAIN / EWOULDBLOCK after SO_RCVTIMEO
            if (e.getErrorCode() == 11) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The next datagram as bytes (up to 256 KiB), or empty when none arrived within the timeout. */
    public Optional<byte[]> receiveBytes() {
        byte[] buf = new byte[256 * 1024];
        try {
            long n = LibC.INSTANCE.recv(fd, buf, new NativeLong(buf.length), 0).longValue();
            return Optional.of(java.util.Arrays.copyOf(buf, (int) n));
        } catch (com.sun.jna.LastErrorException e) {
            if (e.getErrorCode() == 11) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void close() {
        LibC.INSTANCE.close(fd);
    }
}
