package io.recoverymanager.daemon.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * The main job, end to end: the demo on a real sandboxed systemd with the real daemon. It fails
 * (never skips) where the sandbox cannot start.
 */
class LiveDemoIT {

    @Test
    void theLiveDemoWalksEveryLadderOnARealSystemd() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = new LiveDemo(new PrintWriter(out, true), new PrintWriter(err, true)).run(false);

        String text = out.toString();
        assertThat(exit).as("exit code; output:%n%s%n%s", text, err).isZero();
        assertThat(text).doesNotContain("SIMULATED").contains("sandbox: systemd --user pid");
        assertThat(text)
                .containsPattern("crashy.service +action +rvector=3 reset-public-data")
                .containsPattern("crashy.service +meditation")
                .containsPattern("segv.service +failure +rvector=1 +result=signal")
                .containsPattern("segv.service +action-done +rvector=3 disable-service +done")
                .containsPattern("flaky.service +recovered +rvector=1")
                .contains("public data of crashy.service after the reset: (empty)")
                .contains("segv.service is now: masked/")
                .contains("history (recoverymanager history):")
                .contains("cleaned up:");
    }

    @Test
    void theSimulatedDemoIsLabelledAndPlaysTheSameScript() {
        StringWriter out = new StringWriter();

        int exit = new LiveDemo(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true)).run(true);

        String text = out.toString();
        assertThat(exit).isZero();
        assertThat(text.lines().filter(l -> l.contains("rvector=")))
                .isNotEmpty()
                .allSatisfy(l -> assertThat(l).startsWith("SIMULATED "));
        assertThat(text)
                .containsPattern("crashy.service +action +rvector=4 restart-platform")
                .containsPattern("segv.service +action +rvector=3 disable-service")
                .containsPattern("flaky.service +recovered");
    }
}
