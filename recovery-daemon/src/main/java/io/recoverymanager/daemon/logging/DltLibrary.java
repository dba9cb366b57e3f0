package io.recoverymanager.daemon.logging;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.Map;

/**
 * The calls of COVESA DLT's user library ({@code libdlt.so.2}, dlt_user.h of DLT 2.18) the daemon
 * makes. {@code DltContext} and {@code DltContextData} are passed as zeroed native memory of
 * {@link #CONTEXT_SIZE} and {@link #CONTEXT_DATA_SIZE} bytes (larger than the structs: 32 and 56
 * bytes on x86-64). Functions return a {@code DltReturnValue}: negative on error, {@link
 * #RETURN_TRUE} from {@code dlt_user_log_write_start} when the level is enabled.
 *
 * <p>Thread-safety: libdlt serialises its calls internally; each message needs its own context data.
 */
interface DltLibrary extends Library {
    int CONTEXT_SIZE = 64;
    int CONTEXT_DATA_SIZE = 128;
    int RETURN_TRUE = 1;
    int TRACE_STATUS_OFF = 0;

    int LOG_ERROR = 2;
    int LOG_WARN = 3;
    int LOG_INFO = 4;
    int LOG_DEBUG = 5;

    int dlt_register_app(String appId, String description);

    int dlt_unregister_app();

    int dlt_register_context_ll_ts(
            Pointer context, String contextId, String description, int logLevel, int traceStatus);

    int dlt_unregister_context(Pointer context);

    int dlt_user_log_write_start(Pointer context, Pointer data, int logLevel);

    int dlt_user_log_write_utf8_string(Pointer data, String text);

    int dlt_user_log_write_utf8_string_attr(Pointer data, String text, String name);

    int dlt_user_log_write_uint32_attr(Pointer data, int value, String name, String unit);

    int dlt_user_log_write_finish(Pointer data);

    /**
     * Loads the library.
     *
     * @param name a file name for the dynamic linker or an absolute path
     * @throws UnsatisfiedLinkError when it cannot be loaded
     */
    static DltLibrary load(String name) {
        return Native.load(name, DltLibrary.class, Map.of(Library.OPTION_STRING_ENCODING, "UTF-8"));
    }
}
