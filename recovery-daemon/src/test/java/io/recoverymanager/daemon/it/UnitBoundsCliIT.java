package io.recoverymanager.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Out-of-range unit numbers through the packaged launcher: {@code check} rejects them with {@code
 * file:line: key: reason} and exit 1, and {@code simulate} prints the same error instead of dying
 * with a stack trace.
 */
class UnitBoundsCliIT {
    @TempDir
    Path tmp;

    private Path unit(String name, String relaxTime, String retry) throws Exception {
        return Files.writeString(
                tmp.resolve(name + ".toml"),
                "service = \"" + name + ".service\"\nrelax-time = " + relaxTime
                        + "\n[[action]]\ntype = \"restart-service\"\n" + "retry = " + retry + "\n");
    }

    @Test
    void checkRejectsARelaxTimeBeyondThirtyDaysAndARetryBeyondTenThousand() throws Exception {
        Path relax = unit("relax", "9223372036854775807", "3");
        Path retry = unit("retry", "\"60s\"", "10001");

        PackagedDaemon.Run check =
                PackagedDaemon.runLauncher(tmp, Map.of(), List.of("check", relax.toString(), retry.toString()));

        assertThat(check.exitCode()).as(check.describe()).isEqualTo(1);
        String all = check.out() + check.err();
        assertThat(all).as(check.describe()).contains(relax + ":2: relax-time: must be at most 30d");
        assertThat(all).as(check.describe()).contains(retry + ":5: action[0].retry: must be at most 10000");
        assertThat(all).as(check.describe()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void simulatePrintsTheBoundErrorInsteadOfAStackTrace() throws Exception {
        Path relax = unit("relax", "9223372036854775807", "3");

        PackagedDaemon.Run simulate =
                PackagedDaemon.runLauncher(tmp, Map.of(), List.of("simulate", relax.toString(), "--failures", "5"));

        assertThat(simulate.exitCode()).as(simulate.describe()).isNotZero();
        assertThat(simulate.err()).as(simulate.describe()).contains(relax + ":2: relax-time: must be at most 30d");
        String all = simulate.out() + simulate.err();
        assertThat(all).as(simulate.describe()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
