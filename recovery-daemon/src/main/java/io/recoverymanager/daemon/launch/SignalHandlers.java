package io.recoverymanager.daemon.launch;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs a handler for a POSIX signal (SIGHUP for reload) through {@code sun.misc.Signal}, the
 * JDK's only signal API, reached reflectively so the build stays free of internal-API warnings.
 * SIGTERM and SIGINT are left to the JVM's shutdown hooks.
 *
 * <p>Thread-safety: call from the main thread at start-up; handlers run on a JVM signal thread.
 */
final class SignalHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(SignalHandlers.class);

    private SignalHandlers() {}

    /** Signal numbers on Linux of the signals a handler may be installed for. */
    private static final Map<String, Integer> NUMBERS = Map.of("HUP", 1, "USR1", 10, "USR2", 12);

    /** {@code SIG_IGN} as a handler value. */
    private static final long SIG_IGN = 1;

    /**
     * Runs {@code action} whenever the signal (e.g. {@code "HUP"}) arrives; false if unsupported.
     *
     * <p>A signal the parent left ignored ({@code nohup}, some CI runners) stays ignored across
     * exec, and the JVM then takes the handler without ever calling it. So an ignored signal is
     * first set back to its default action; a signal in the instant before the handler is in place
     * would then end the process, which is what the signal means to a process without a handler.
     */
    static boolean on(String signal, Runnable action) {
        unignore(signal);
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object handler = Proxy.newProxyInstance(
                    SignalHandlers.class.getClassLoader(), new Class<?>[] {handlerClass}, (proxy, method, args) -> {
                        if (method.getName().equals("handle")) {
                            try {
                                action.run();
                            } catch (RuntimeException e) {
                                LOG.error("SIG{} handler failed", signal, e);
                            }
                        }
                        return null;
                    });
            Object sig = signalClass.getConstructor(String.class).newInstance(signal);
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            handle.invoke(null, sig, handler);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.warn("cannot handle SIG{}: {}", signal, e.toString());
            return false;
        }
    }

    private static void unignore(String signal) {
        Integer number = NUMBERS.get(signal);
        if (number == null || !Platform.isLinux()) {
            return;
        }
        try {
            Memory current = new Memory(256); // a struct sigaction; 152 bytes on x86-64 and arm64
            current.clear();
            if (Libc.INSTANCE.sigaction(number, null, current) != 0) {
                return;
            }
            if (Pointer.nativeValue(current.getPointer(0)) == SIG_IGN) {
                Libc.INSTANCE.signal(number, null);
                LOG.info("SIG{} was ignored by the process that started this one (nohup?); handling it anyway", signal);
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("cannot tell whether SIG{} is ignored: {}", signal, e.toString());
        }
    }

    /** The two libc calls that read and reset a signal's disposition. */
    interface Libc extends Library {
        Libc INSTANCE = Native.load(Platform.C_LIBRARY_NAME, Libc.class);

        int sigaction(int signum, Pointer act, Pointer oldact);

        Pointer signal(int signum, Pointer handler);
    }
}
