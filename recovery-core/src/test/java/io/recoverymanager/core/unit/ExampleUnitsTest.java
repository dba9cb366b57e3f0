package io.recoverymanager.core.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.recoverymanager.core.unit.Friend.FriendAction;
import io.recoverymanager.core.unit.Friend.FriendType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The example units shipped under {@code examples/units/} at the repository root parse and mean what they say. */
class ExampleUnitsTest {
    private final UnitParser parser = new UnitParser();

    /** {@code examples/units} at the repository root, found from the working directory up. */
    static Path examplesDirectory() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("examples").resolve("units");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new AssertionError("examples/units not found above " + Path.of("").toAbsolutePath());
    }

    private RecoveryUnit parse(String fileName) throws IOException {
        Path file = examplesDirectory().resolve(fileName);
        ParseResult result = parser.parse(fileName, Files.readString(file, StandardCharsets.UTF_8));
        assertThat(result).as("%s: %s", fileName, result).isInstanceOf(ParseResult.Valid.class);
        return ((ParseResult.Valid) result).unit();
    }

    @Test
    void everyExampleIsValid() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(examplesDirectory())) {
            files = listing.filter(p -> p.toString().endsWith(".toml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        for (Path file : files) {
            ParseResult result = parser.parse(file.getFileName().toString(), Files.readString(file));
            assertThat(result).as("%s", result).isInstanceOf(ParseResult.Valid.class);
        }
    }

    @Test
    void echoRestartsThreeTimesThenResetsPublicData() throws IOException {
        RecoveryUnit echo = parse("echo.toml");
        assertThat(echo.service()).isEqualTo("echo.service");
        assertThat(echo.relaxTime()).isEqualTo(Duration.ofSeconds(60));
        assertThat(echo.checkStart()).isTrue();
        assertThat(echo.publicData()).contains("/var/lib/echo/public");
        assertThat(echo.privateData()).contains("/var/lib/echo/private");
        Ladder ladder = echo.ladder();
        assertThat(List.of(1, 2, 3, 4, 5, 6))
                .map(rvector -> ladder.select(rvector).orElseThrow().action().type())
                .containsExactly(
                        ActionType.RESTART_SERVICE,
                        ActionType.RESTART_SERVICE,
                        ActionType.RESTART_SERVICE,
                        ActionType.RESET_PUBLIC_DATA,
                        ActionType.RESET_PRIVATE_DATA,
                        ActionType.RESTART_CONTEXT);
        assertThat(ladder.select(7)).isEmpty();
        assertThat(echo.actions().get(3).reset()).isTrue();
    }

    @Test
    void gettyIsATemplate() throws IOException {
        RecoveryUnit getty = parse("getty-template.toml");
        assertThat(getty.isTemplate()).isTrue();
        assertThat(getty.governs("getty@tty3.service")).isTrue();
        assertThat(getty.relaxTime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(getty.actions())
                .extracting(RecoveryAction::type, RecoveryAction::retry)
                .containsExactly(tuple(ActionType.RESTART_SERVICE, 5), tuple(ActionType.DISABLE_SERVICE, 1));
    }

    @Test
    void webHasAServiceAndAProcessFriend() throws IOException {
        RecoveryUnit web = parse("web-with-friends.toml");
        assertThat(web.relaxTime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(web.friends())
                .containsExactly(
                        new Friend(
                                FriendType.SERVICE,
                                "db.service",
                                Optional.of("storage"),
                                FriendAction.RESTART,
                                0,
                                Duration.ofSeconds(5)),
                        new Friend(
                                FriendType.PROCESS, "cached", Optional.empty(), FriendAction.SIGNAL, 1, Duration.ZERO));
    }

    @Test
    void legacyNamesMatchTheOldEchos1Unit() throws IOException {
        RecoveryUnit legacy = parse("legacy-names.toml");
        assertThat(legacy.actions())
                .extracting(RecoveryAction::type)
                .containsExactly(
                        ActionType.RESTART_SERVICE,
                        ActionType.RESET_PUBLIC_DATA,
                        ActionType.RESET_PRIVATE_DATA,
                        ActionType.RESTART_CONTEXT,
                        ActionType.RESTART_PLATFORM,
                        ActionType.FACTORY_RESET);
        assertThat(legacy.actions().get(0).retry()).isEqualTo(3);
    }
}
