package io.recoverymanager.dispatch.master;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.channels.SocketChannel;

/**
 * The process id of the peer of a connected Unix stream socket, as the kernel recorded it when the
 * peer connected ({@code getsockopt(SO_PEERCRED)}). The JDK reads {@code SO_PEERCRED} too but hands
 * out only the user and group; systemd-machined needs the pid.
 *
 * <p>The JDK keeps a channel's file descriptor in {@code sun.nio.ch}: the JVM must run with {@code
 * --add-exports java.base/sun.nio.ch=ALL-UNNAMED} (the launcher passes it), else {@link #pidOf}
 * says so in its exception.
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
public final class PeerProcess {
    /** {@code SOL_SOCKET} and {@code SO_PEERCRED} on Linux (x86, arm, riscv). */
    private static final int SOL_SOCKET = 1;

    private static final int SO_PEERCRED = 17;

    private PeerProcess() {}

    /**
     * The pid of {@code channel}'s peer.
     *
     * @throws IOException when the kernel or the JVM does not say
     */
    public static long pidOf(SocketChannel channel) throws IOException {
        if (!Platform.isLinux()) {
            throw new IOException("peer pids are read with SO_PEERCRED, which needs Linux");
        }
        int fd = fileDescriptor(channel);
        int[] ucred = new int[3]; // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
        int[] length = {Integer.BYTES * ucred.length};
        try {
            Sockets.INSTANCE.getsockopt(fd, SOL_SOCKET, SO_PEERCRED, ucred, length);
        } catch (LastErrorException e) {
            throw new IOException("getsockopt(SO_PEERCRED) failed: errno " + e.getErrorCode(), e);
        }
        if (ucred[0] <= 0) {
            throw new IOException("the kernel reports no pid for the peer (pid " + ucred[0] + ")");
        }
        return ucred[0];
    }

    private static int fileDescriptor(SocketChannel channel) throws IOException {
        try {
            Method getFdVal = Class.forName("sun.nio.ch.SelChImpl").getMethod("getFDVal");
            return (int) getFdVal.invoke(channel);
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
            throw new IOException(
                    "cannot read a socket's file descriptor: run the JVM with"
                            + " --add-exports java.base/sun.nio.ch=ALL-UNNAMED (" + e + ")",
                    e);
        } catch (InvocationTargetException | ClassCastException e) {
            throw new IOException("cannot read a socket's file descriptor: " + e, e);
        }
    }

    /** The one libc call this needs. */
    interface Sockets extends Library {
        Sockets INSTANCE = Native.load(Platform.C_LIBRARY_NAME, Sockets.class);

        int getsockopt(int fd, int level, int optname, int[] optval, int[] optlen) throws LastErrorException;
    }
}
