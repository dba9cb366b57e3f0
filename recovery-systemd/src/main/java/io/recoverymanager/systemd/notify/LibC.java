package io.recoverymanager.systemd.notify;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import java.nio.charset.StandardCharsets;

/**
 * The few libc calls an AF_UNIX datagram socket needs (the JDK has Unix stream channels but no
 * Unix datagram channel). Also used by the tests to receive.
 *
 * <p>Thread-safety: the calls are thread-safe system calls.
 */
interface LibC extends Library {
    LibC INSTANCE = Native.load(Platform.C_LIBRARY_NAME, LibC.class);

    int AF_UNIX = 1;
    int SOCK_DGRAM = 2;
    int SOCK_CLOEXEC = 0x80000;
    int SOL_SOCKET = 1;
    int SO_RCVTIMEO = 20;
    int CLOCK_MONOTONIC = 1;
    int MSG_NOSIGNAL = 0x4000;

    /** Size of {@code sun_path} in {@code struct sockaddr_un}. */
    int SUN_PATH_SIZE = 108;

    int socket(int domain, int type, int protocol) throws LastErrorException;

    NativeLong sendto(int fd, byte[] buf, NativeLong len, int flags, byte[] addr, int addrlen)
            throws LastErrorException;

    int bind(int fd, byte[] addr, int addrlen) throws LastErrorException;

    NativeLong recv(int fd, byte[] buf, NativeLong len, int flags) throws LastErrorException;

    int setsockopt(int fd, int level, int optname, long[] optval, int optlen) throws LastErrorException;

    int clock_gettime(int clockId, long[] timespec) throws LastErrorException;

    int close(int fd);

    /**
     * A {@code struct sockaddr_un} for a path, or for an abstract name when the address starts with
     * '@' (the '@' becomes the leading NUL byte).
     *
     * @throws IllegalArgumentException when the address is empty or does not fit
     */
    static SocketAddressBytes sockaddr(String address) {
        if (address.isEmpty()) {
            throw new IllegalArgumentException("empty socket address");
        }
        byte[] name = address.getBytes(StandardCharsets.UTF_8);
        boolean isAbstract = name[0] == '@';
        // a path needs its terminating NUL inside sun_path; an abstract name does not
        int used = isAbstract ? name.length : name.length + 1;
        if (used > SUN_PATH_SIZE) {
            throw new IllegalArgumentException(
                    "socket address longer than " + (SUN_PATH_SIZE - 1) + " bytes: " + address);
        }
        byte[] sa = new byte[2 + SUN_PATH_SIZE];
        // sa_family_t is a native-order unsigned short
        java.nio.ByteBuffer.wrap(sa).order(java.nio.ByteOrder.nativeOrder()).putShort((short) AF_UNIX);
        System.arraycopy(name, 0, sa, 2, name.length);
        if (isAbstract) {
            sa[2] = 0;
        }
        return new SocketAddressBytes(sa, 2 + used);
    }

    /**
     * A socket address and its length for the calls above.
     *
     * @param bytes the {@code struct sockaddr_un}
     * @param length the address length to pass (family plus the used part of the path)
     */
    record SocketAddressBytes(byte[] bytes, int length) {}
}
