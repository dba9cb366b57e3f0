package io.recoverymanager.daemon.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CrashPointTest {
    @Test
    void unarmedCrashPointsDoNothing() {
        assertThat(CrashPoint.armed()).isFalse();
        CrashPoint.reached("after-count");
    }
}
