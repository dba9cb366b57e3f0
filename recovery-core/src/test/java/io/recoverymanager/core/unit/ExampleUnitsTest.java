package io.recoverymanager.core.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The example units shipped in examples/units parse and mean what their comments say. */
class ExampleUnitsTest {
    private static final Path EXAMPLES = Path.of("..", "examples", "units");

    @Test
    void everyExampleUnitIsValid() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(EXAMPLES)) {
            files = listing.filter(p -> p.toString().endsWith(".toml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(3);
        for (Path file : files) {
            ParseResult result = new UnitParser().parse(file.getFileName().toString(), Files.readString(file));
            assertThat(result).as(file.toString()).isInstanceOf(ParseResult.Valid.class);
        }
    }

    @Test
    void theEchoExampleRestartsThreeTimesThenResetsPublicData() throws IOException {
        RecoveryUnit echo = ((ParseResult.Valid)
                        new UnitParser().parse("echo.toml", Files.readString(EXAMPLES.resolve("echo.toml"))))
                .unit();
        Ladder ladder = echo.ladder();
        assertThat(ladder.select(3).orElseThrow().action().type()).isEqualTo(ActionType.RESTART_SERVICE);
        assertThat(ladder.select(4).orElseThrow().action().type()).isEqualTo(ActionType.RESET_PUBLIC_DATA);
        assertThat(ladder.select(7)).isEmpty();
    }
}
