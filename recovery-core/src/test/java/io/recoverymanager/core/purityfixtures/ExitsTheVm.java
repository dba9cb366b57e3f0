package io.recoverymanager.core.purityfixtures;

/** Breaks the no-exit rule (never run). */
public final class ExitsTheVm {
    private ExitsTheVm() {}

    public static void quit() {
        System.exit(3);
    }
}
