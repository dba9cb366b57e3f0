package io.recoverymanager.core.purityfixtures;

/** Breaks the no-processes rule (never run: it only has to exist as bytecode). */
public final class StartsAProcess {
    private StartsAProcess() {}

    public static ProcessBuilder builder() {
        return new ProcessBuilder("true");
    }
}
