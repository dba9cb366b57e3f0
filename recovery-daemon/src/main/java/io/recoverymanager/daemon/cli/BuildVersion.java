package io.recoverymanager.daemon.cli;

/**
 * The version of the running build, from the jar manifest ({@code Implementation-Version}).
 *
 * <p>Thread-safety: stateless.
 */
public final class BuildVersion {
    private BuildVersion() {}

    /** The version, or {@code development} when the classes do not come from a built jar. */
    public static String current() {
        String v = BuildVersion.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "development" : v;
    }
}
