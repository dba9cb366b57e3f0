package io.recoverymanager.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BusAddressTest {
    @Test
    void parsesEveryKind() {
        assertThat(BusAddress.parse("system")).isEqualTo(new BusAddress.SystemBus());
        assertThat(BusAddress.parse("user")).isEqualTo(new BusAddress.SessionBus());
        assertThat(BusAddress.parse("session")).isEqualTo(new BusAddress.SessionBus());
        assertThat(BusAddress.parse("private")).isEqualTo(BusAddress.privateOwn());
        assertThat(BusAddress.parse("private:/run/user/0/systemd/private"))
                .isEqualTo(new BusAddress.PrivateSocket(Path.of("/run/user/0/systemd/private")));
        assertThat(BusAddress.parse(" unix:path=/run/dbus/system_bus_socket "))
                .isEqualTo(new BusAddress.Explicit("unix:path=/run/dbus/system_bus_socket"));
        assertThat(((BusAddress.PrivateSocket) BusAddress.privateSystem()).address())
                .isEqualTo("unix:path=/run/systemd/private");
    }

    @Test
    void privateIsTheSocketOfTheManagerThisUserTalksTo() {
        assertThat(BusAddress.privateOwn(true, "/run/user/0"))
                .isEqualTo(new BusAddress.PrivateSocket(Path.of("/run/systemd/private")));
        assertThat(BusAddress.privateOwn(false, "/run/user/1000"))
                .isEqualTo(new BusAddress.PrivateSocket(Path.of("/run/user/1000/systemd/private")));
        assertThat(BusAddress.privateOwn(false, null))
                .isEqualTo(new BusAddress.PrivateSocket(Path.of("/run/systemd/private")));
    }

    @Test
    void tryParseIsEmptyForWhatParseRefuses() {
        assertThat(BusAddress.tryParse("session bus")).isEmpty();
        assertThat(BusAddress.tryParse("tcp:host=localhost,port=1")).isEmpty();
        assertThat(BusAddress.tryParse("user")).contains(new BusAddress.SessionBus());
    }

    @Test
    void refusesWhatTheTransportCannotDoWithTheReason() {
        assertThatThrownBy(() -> BusAddress.parse("tcp:host=localhost,port=1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tcp:host")
                .hasMessageContaining("expected");
        assertThatThrownBy(() -> BusAddress.parse("unix:abstract=/tmp/x"))
                .hasMessageContaining("only 'unix:path=<socket>'");
        assertThatThrownBy(() -> BusAddress.parse("unix:path=/a;unix:path=/b")).hasMessageContaining("lists");
        assertThatThrownBy(() -> BusAddress.parse("private:relative/path")).hasMessageContaining("absolute");
    }

    @Test
    void configRefusesNonsenseDurations() {
        SystemdConnectionConfig config = SystemdConnectionConfig.of(BusAddress.system());
        assertThatThrownBy(() -> config.withJobTimeout(Duration.ZERO)).hasMessageContaining("jobTimeout");
        assertThatThrownBy(() -> config.withReconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("reconnectMaxBackoff");
        assertThat(config.withReportFailedAtStart(false).reportFailedAtStart()).isFalse();
    }
}
