package io.recoverymanager.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.testkit.PolicySimulation;
import io.recoverymanager.testkit.UnitBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulateCommandTest {
    @Test
    void jsonTimelineHasTheDocumentedKeys() throws Exception {
        var unit = UnitBuilder.forService("echo.service")
                .relaxTime(Duration.ofSeconds(60))
                .action(ActionType.RESTART_SERVICE, 2)
                .action(ActionType.RESET_PUBLIC_DATA)
                .publicData("/var/lib/echo/public")
                .build();
        String json = SimulateCommand.toJson(new PolicySimulation(unit, 3, Duration.ofSeconds(10)).run());
        JsonNode array = new ObjectMapper().readTree(json);
        assertThat(array.isArray()).isTrue();
        List<String> summary = new ArrayList<>();
        for (JsonNode o : array) {
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly("at_seconds", "event", "service", "rvector", "action");
            assertThat(o.get("service").asText()).isEqualTo("echo.service");
            summary.add(o.get("at_seconds").asDouble() + " " + o.get("event").asText() + " "
                    + o.get("rvector").asInt() + " "
                    + (o.get("action").isNull() ? "-" : o.get("action").asText()));
        }
        assertThat(summary)
                .startsWith("0.0 failure 1 -")
                .contains(
                        "0.0 action 1 restart-service",
                        "10.0 failure 2 -",
                        "10.0 action 2 restart-service",
                        "20.0 failure 3 -",
                        "20.0 action 3 reset-public-data")
                .last()
                .asString()
                .matches("\\d+\\.\\d+ recovered 3 -");
    }
}
