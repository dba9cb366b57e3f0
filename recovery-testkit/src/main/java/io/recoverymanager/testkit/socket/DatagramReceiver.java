package io.recoverymanager.testkit.socket;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A real AF_UNIX datagram socket bound to a path or abstract name, standing in for systemd's
 * notification socket or journald's native socket. Receives with a bounded timeout (SO_RCVTIMEO), so
 * no test waits forever.
 *
 * <p>Thread-safety: one receiving thread at a time; {@link #close} from any thread.
 */
public final class DatagramReceiver implements AutoCloseable {
    private final int fd;

    /** The libc calls the receiving side needs (the JDK has no Unix datagram channel). */
    private interface LibC extends Library {
        LibC INSTANCE = Native.load(Platform.C_LIBRARY_NAME, LibC.class);

        int AF_UNIX = 1;
        int SOCK_DGRAM = 2;
        int SOCK_CLOEXEC = 0x80000;
        int SOL_SOCKET = 1;
        int SO_RCVTIMEO = 20;
        int SUN_PATH_SIZE = 108;

        int socket(int domain, int type, int protocol) throws LastErrorException;

        int bind(int fd, byte[] addr, int addrlen) throws LastErrorException;

        NativeLong recv(int fd, byte[] buf, NativeLong len, int flags) throws LastErrorException;

        int setsockopt(int fd, int level, int optname, long[] optval, int optlen) throws LastErrorException;

        int close(int fd);

        /** A {@code struct sockaddr_un} for a path, or an abstract name when it starts with '@'. */
        static SocketAddressBytes sockaddr(String address) {
            byte[] name = address.getBytes(StandardCharsets.UTF_8);
            boolean isAbstract = name.length > 0 && name[0] == '@';
            int used = isAbstract ? name.length : name.length + 1;
            if (name.length == 0 || used > SUN_PATH_SIZE) {
                throw new IllegalArgumentException("not a usable socket address: \"" + address + "\"");
            }
            byte[] sa = new byte[2 + SUN_PATH_SIZE];
            ByteBuffer.wrap(sa).order(ByteOrder.nativeOrder()).putShort((short) AF_UNIX);
            System.arraycopy(name, 0, sa, 2, name.length);
            if (isAbstract) {
                sa[2] = 0;
            }
            return new SocketAddressBytes(sa, 2 + used);
        }
    }

    private record SocketAddressBytes(byte[] bytes, int length) {}

    public DatagramReceiver(String address, long timeoutMillis) {
        fd = LibC.INSTANCE.socket(LibC.AF_UNIX, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        try {
            SocketAddressBytes sa = LibC.sockaddr(address);
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
        } catch (LastErrorException e) {
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
        } catch (LastErrorException e) {
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
