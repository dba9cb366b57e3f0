package io.recoverymanager.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.dispatch.master.ContextGrant;
import io.recoverymanager.dispatch.master.FloodLimits;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code [[ipc.context]]}, the flood limits and the ledger retention keys of {@code [ipc]}. */
class IpcPolicyConfigTest {
    private final ConfigLoader loader = new ConfigLoader();

    private List<String> errors(String toml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.parse("rm.toml", toml));
        assertThat(e).as("expected config errors").isNotNull();
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void contextsLimitsAndRetentionAreRead() throws Exception {
        DaemonConfig c = loader.parse(
                "rm.toml",
                """
                [ipc]
                request-burst = 3
                requests-per-minute = 2
                notice-burst = 20
                notices-per-second = 5
                notice-coalesce = "2s"
                ledger-max-age = "7d"
                ledger-max-entries = 500

                [[ipc.context]]
                name = "container1"
                uid = 100000
                machine = "container1"
                actions = ["restart-context", "restart-platform"]

                [[ipc.context]]
                name = "plain"
                uid = 0
                """);
        assertThat(c.ipc().contexts())
                .containsExactly(
                        new ContextGrant(
                                "container1",
                                100000,
                                Optional.of("container1"),
                                Set.of(ActionType.RESTART_CONTEXT, ActionType.RESTART_PLATFORM)),
                        new ContextGrant("plain", 0, Optional.empty(), Set.of(ActionType.RESTART_CONTEXT)));
        assertThat(c.ipc().limits())
                .isEqualTo(
                        new FloodLimits(3, Duration.ofSeconds(30), 20, Duration.ofMillis(200), Duration.ofSeconds(2)));
        assertThat(c.ipc().ledgerMaxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(c.ipc().ledgerMaxEntries()).isEqualTo(500);
    }

    @Test
    void noContextsByDefault() throws Exception {
        DaemonConfig c = loader.parse("rm.toml", "");
        assertThat(c.ipc().contexts()).isEmpty();
        assertThat(c.ipc().limits()).isEqualTo(FloodLimits.defaults());
    }

    @Test
    void badContextsAreNamedByElementLineAndKey() {
        assertThat(
                        errors(
                                """
                        [[ipc.context]]
                        name = "ok"
                        uid = 1

                        [[ipc.context]]
                        name = "bad/name"
                        uid = -1
                        actions = ["restart-service", "platformRestart"]
                        colour = "red"

                        [[ipc.context]]
                        uid = 5

                        [[ipc.context]]
                        name = "ok"
                        uid = 2
                        """))
                .containsExactlyInAnyOrder(
                        "rm.toml:9: ipc.context[2].colour: unknown key (known here: actions, machine, name, uid)",
                        "rm.toml:6: ipc.context[2].name: \"bad/name\" must be a context name: 1-64 of letters,"
                                + " digits, '.', '_' and '-', starting with a letter or digit",
                        "rm.toml:7: ipc.context[2].uid: must be a user id, an integer from 0 to 2147483647",
                        "rm.toml:8: ipc.context[2].actions: element 1 (\"restart-service\") must be one of"
                                + " restart-context, restart-platform, factory-reset",
                        "rm.toml:11: ipc.context[3].name: is required",
                        "rm.toml:15: ipc.context[4].name: context \"ok\" is configured twice");
    }

    @Test
    void badLimitsAreRejected() {
        assertThat(errors("[ipc]\nrequest-burst = 0\nnotices-per-second = \"fast\"\n"))
                .containsExactly(
                        "rm.toml:3: ipc.notices-per-second: must be an integer from 1 to 1000",
                        "rm.toml:2: ipc.request-burst: must be an integer from 1 to 1000000");
    }
}
