package io.recoverymanager.daemon.launch;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
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

    /** Runs {@code action} whenever the signal (e.g. {@code "HUP"}) arrives; false if unsupported. */
    static boolean on(String signal, Runnable action) {
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
}
