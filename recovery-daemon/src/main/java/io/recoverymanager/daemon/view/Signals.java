package io.recoverymanager.daemon.view;

/**
 * Linux signal names for the numbers systemd reports ({@code 9} is {@code KILL}), as {@code
 * systemctl} prints them.
 *
 * <p>Thread-safety: stateless.
 */
final class Signals {
    private static final String[] NAMES = {
        null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM",
        "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF",
        "WINCH", "IO", "PWR", "SYS"
    };

    private Signals() {}

    /** {@code KILL} for 9, {@code RTMIN+2} for 36, the number itself when unknown. */
    static String name(int signal) {
        if (signal > 0 && signal < NAMES.length) {
            return NAMES[signal];
        }
        if (signal >= 34 && signal <= 64) {
            return signal == 34 ? "RTMIN" : "RTMIN+" + (signal - 34);
        }
        return Integer.toString(signal);
    }
}
