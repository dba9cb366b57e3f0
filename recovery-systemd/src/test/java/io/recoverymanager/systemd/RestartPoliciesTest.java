package io.recoverymanager.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;

class RestartPoliciesTest {
    private static final Object[] NO_FORCED_STATUS = {List.of(), List.of()};

    @Test
    void onlyRestartNoWithoutForcedExitStatusesMeansSystemdNeverRestartsByItself() {
        assertThat(RestartPolicies.neverRestartsItself("no", NO_FORCED_STATUS)).isTrue();
        assertThat(RestartPolicies.neverRestartsItself(new Variant<>("no"), NO_FORCED_STATUS))
                .isTrue();
        assertThat(RestartPolicies.neverRestartsItself("on-failure", NO_FORCED_STATUS))
                .isFalse();
        assertThat(RestartPolicies.neverRestartsItself("always", NO_FORCED_STATUS))
                .isFalse();
        assertThat(RestartPolicies.neverRestartsItself("no", new Object[] {List.of(2), List.of()}))
                .isFalse();
        assertThat(RestartPolicies.neverRestartsItself("no", new Object[] {List.of(), List.of(15)}))
                .isFalse();
    }

    @Test
    void whatIsNotUnderstoodIsNeverTakenForNoRestart() {
        assertThat(RestartPolicies.neverRestartsItself("no", null)).isFalse();
        assertThat(RestartPolicies.neverRestartsItself("no", "")).isFalse();
        assertThat(RestartPolicies.neverRestartsItself("no", new Object[0])).isFalse();
        assertThat(RestartPolicies.neverRestartsItself(null, NO_FORCED_STATUS)).isFalse();
    }

    @Test
    void aReadThatBeganBeforeEverythingWasForgottenIsDropped() {
        RestartPolicies policies = new RestartPolicies();
        long token = policies.fetching("a.service");
        assertThat(policies.needsFetch("a.service")).isFalse();

        policies.forgetAll(); // systemd reloaded meanwhile
        policies.fetched("a.service", token, true);

        assertThat(policies.isKnown("a.service")).isFalse();
        assertThat(policies.neverRestartsItself("a.service")).isFalse();
        assertThat(policies.needsFetch("a.service")).isTrue();
        policies.fetched("a.service", policies.fetching("a.service"), true);
        assertThat(policies.neverRestartsItself("a.service")).isTrue();
    }
}
