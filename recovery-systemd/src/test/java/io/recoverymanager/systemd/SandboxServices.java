package io.recoverymanager.systemd;

import io.recoverymanager.testkit.contract.Await;
import io.recoverymanager.testkit.sandbox.SystemdSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Test services in a sandbox: a long-running main process that exits with a chosen status on SIGUSR1. */
final class SandboxServices {
    private SandboxServices() {}

    /** Defines {@code service} (Restart=no unless extra lines say otherwise) and reloads. */
    static void define(SystemdSandbox sandbox, String service, String extraServiceLines) {
        sandbox.writeUnit(service, unitText(sandbox, service, extraServiceLines));
        sandbox.daemonReload();
    }

    /** Like {@link #define} but as a "vendor" unit (the analogue of /usr/lib/systemd/system). */
    static void defineVendor(SystemdSandbox sandbox, String service) {
        sandbox.writeVendorUnit(service, unitText(sandbox, service, ""));
        sandbox.daemonReload();
    }

    private static String unitText(SystemdSandbox sandbox, String service, String extraServiceLines) {
        return "[Service]\nExecStart=/bin/bash " + script(sandbox) + " " + statusFile(sandbox, service) + "\n"
                + extraServiceLines;
    }

    /**
     * Makes the running main process exit with {@code status}. Waits first until that process has
     * set its trap (it writes its PID after): systemd calls a simple service active at its fork, and
     * a SIGUSR1 before the trap would kill it with signal 10 instead.
     */
    static void exitMainProcess(SystemdSandbox sandbox, String service, int status) {
        Path statusFile = statusFile(sandbox, service);
        Path trapSet = statusFile.resolveSibling(statusFile.getFileName() + ".trap-set");
        Await.until(
                () -> sandbox.property(service, "MainPID") + " " + readOrEmpty(trapSet),
                mainAndTrapped -> {
                    String[] pids = mainAndTrapped.split(" ", -1);
                    return !pids[0].equals("0") && pids[0].equals(pids[1]);
                },
                Duration.ofSeconds(10),
                service + "'s main process with its SIGUSR1 trap set");
        try {
            Files.writeString(statusFile, Integer.toString(status));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sandbox.systemctl("kill", "--kill-whom=main", "--signal=SIGUSR1", service)
                .orThrow();
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static Path statusFile(SystemdSandbox sandbox, String service) {
        return sandbox.scratchDir().resolve(service + ".exit-status");
    }

    private static Path script(SystemdSandbox sandbox) {
        Path script = sandbox.scratchDir().resolve("exit-on-usr1.sh");
        if (!Files.exists(script)) {
            try {
                Files.writeString(
                        script,
                        "#!/bin/bash\n"
                                + "# Runs until SIGUSR1, then exits with the status written in the file named by $1.\n"
                                + "trap 'exit \"$(cat \"$1\")\"' USR1\n"
                                + "echo $$ > \"$1.trap-set\"\n"
                                + "while :; do sleep 1 & wait $!; done\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return script;
    }
}
