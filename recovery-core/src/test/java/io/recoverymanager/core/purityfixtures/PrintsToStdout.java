package io.recoverymanager.core.purityfixtures;

/** Breaks the no-stream-I/O rule (System.out is a PrintStream). */
public final class PrintsToStdout {
    private PrintsToStdout() {}

    public static void say(String text) {
        System.out.println(text);
    }
}
