package io.recoverymanager.daemon.demo;

import java.util.List;

/**
 * The demo's cast: services that fail in different ways and the recovery units that handle them.
 * The same script runs on the real sandbox and, where that cannot start, on the fake systemd.
 *
 * <p>Thread-safety: stateless.
 */
final class DemoScript {
    private DemoScript() {}

    /** Exits with status 3 a second after every start: walks its whole ladder. */
    static final String CRASHY = "crashy.service";

    /** Kills itself with SIGSEGV a second after every start: restarted, then disabled. */
    static final String SEGV = "segv.service";

    /** Fails on its first start only, then stays up: restarted once, then recovered. */
    static final String FLAKY = "flaky.service";

    static final List<String> SERVICES = List.of(CRASHY, SEGV, FLAKY);

    /** systemd unit files for the sandbox ({@code Restart=no}: recovery is our job). */
    static String systemdUnit(String service, String scratch) {
        String exec =
                switch (service) {
                    case CRASHY -> "/bin/sh -c 'sleep 1; exit 3'";
                    case SEGV -> "/bin/sh -c 'sleep 1; kill -SEGV $$$$'";
                    case FLAKY -> "/bin/sh -c 'if [ -e " + scratch
                            + "/flaky.ran ]; then exec sleep infinity; fi; touch " + scratch
                            + "/flaky.ran; sleep 1; exit 1'";
                    default -> throw new IllegalArgumentException(service);
                };
        return "[Unit]\nDescription=RecoveryManager demo: " + service
                + "\n\n[Service]\nType=simple\nRestart=no\nExecStart=" + exec + "\n";
    }

    /** The recovery units, as an operator would write them. */
    static String recoveryUnit(String service, String dataRoot) {
        return switch (service) {
            case CRASHY -> """
                    service = "crashy.service"
                    relax-time = "20s"
                    public-data = "%s/crashy/public"

                    [[action]]
                    type = "restart-service"
                    retry = 2

                    [[action]]
                    type = "reset-public-data"

                    [[action]]
                    type = "restart-platform"
                    """
                    .formatted(dataRoot);
            case SEGV -> """
                    service = "segv.service"
                    relax-time = "20s"

                    [[action]]
                    type = "restart-service"
                    retry = 2

                    [[action]]
                    type = "disable-service"
                    """;
            case FLAKY -> """
                    service = "flaky.service"
                    relax-time = "3s"

                    [[action]]
                    type = "restart-service"
                    retry = 3
                    """;
            default -> throw new IllegalArgumentException(service);
        };
    }
}
