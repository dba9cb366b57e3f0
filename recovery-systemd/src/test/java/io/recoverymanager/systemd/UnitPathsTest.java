package io.recoverymanager.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnitPathsTest {
    @Test
    void escapesLikeSystemd() {
        assertThat(UnitPaths.pathOf("dbus.service")).isEqualTo("/org/freedesktop/systemd1/unit/dbus_2eservice");
        assertThat(UnitPaths.pathOf("getty@tty1.service"))
                .isEqualTo("/org/freedesktop/systemd1/unit/getty_40tty1_2eservice");
        assertThat(UnitPaths.pathOf("1a-b_c.service"))
                .isEqualTo("/org/freedesktop/systemd1/unit/_31a_2db_5fc_2eservice");
    }

    @Test
    void unescapesBackToTheName() {
        for (String name : new String[] {"dbus.service", "getty@tty1.service", "1a-b_c.service", "ünï.service"}) {
            assertThat(UnitPaths.unitNameOf(UnitPaths.pathOf(name))).contains(name);
        }
    }

    @Test
    void rejectsPathsThatAreNotUnits() {
        assertThat(UnitPaths.unitNameOf("/org/freedesktop/systemd1")).isEmpty();
        assertThat(UnitPaths.unitNameOf("/org/freedesktop/systemd1/unit/")).isEmpty();
        assertThat(UnitPaths.unitNameOf("/org/freedesktop/systemd1/unit/a/b")).isEmpty();
        assertThat(UnitPaths.unitNameOf("/org/freedesktop/systemd1/unit/bad_2")).isEmpty();
        assertThat(UnitPaths.unitNameOf("/org/freedesktop/systemd1/unit/bad_zz"))
                .isEmpty();
    }

    @Test
    void recognisesServicePaths() {
        assertThat(UnitPaths.isServicePath(UnitPaths.pathOf("a.service"))).isTrue();
        assertThat(UnitPaths.isServicePath(UnitPaths.pathOf("a.socket"))).isFalse();
        assertThat(UnitPaths.isServicePath("/org/freedesktop/systemd1/job/1")).isFalse();
    }
}
