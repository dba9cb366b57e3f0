package io.recoverymanager.daemon.units;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.core.unit.ParseResult;
import io.recoverymanager.core.unit.RecoveryUnit;
import io.recoverymanager.core.unit.UnitCatalog;
import io.recoverymanager.core.unit.UnitError;
import io.recoverymanager.testkit.UnitBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnitDirectoryTest {
    @TempDir
    Path dir;

    /** A stand-in parser: content "service=X" is a valid unit for X, anything else one error. */
    private static ParseResult parse(String source, String content) {
        if (content.startsWith("service=")) {
            RecoveryUnit unit = UnitBuilder.forService(content.substring(8).strip())
                    .source(source)
                    .action(ActionType.RESTART_SERVICE)
                    .build();
            return new ParseResult.Valid(source, unit);
        }
        return new ParseResult.Invalid(source, List.of(new UnitError(source, 1, "service", "missing")));
    }

    private UnitCatalog scan() throws Exception {
        return new UnitDirectory(dir, UnitDirectoryTest::parse).scan();
    }

    @Test
    void readsTomlFilesInNameOrderWithTheFileNameAsSource() throws Exception {
        Files.writeString(dir.resolve("b.toml"), "service=b.service");
        Files.writeString(dir.resolve("a.toml"), "service=a.service");
        Files.writeString(dir.resolve("notes.txt"), "service=ignored.service");
        Files.writeString(dir.resolve(".#a.toml"), "service=lock.service");
        Files.createDirectory(dir.resolve("sub.toml"));
        UnitCatalog catalog = scan();
        assertThat(catalog.units()).extracting(RecoveryUnit::source).containsExactly("a.toml", "b.toml");
        assertThat(catalog.units()).extracting(RecoveryUnit::service).containsExactly("a.service", "b.service");
        assertThat(catalog.rejected()).isEmpty();
    }

    @Test
    void invalidFilesAreRejectedWithTheirErrorsAndTheOthersStillLoad() throws Exception {
        Files.writeString(dir.resolve("good.toml"), "service=good.service");
        Files.writeString(dir.resolve("broken.toml"), "garbage");
        UnitCatalog catalog = scan();
        assertThat(catalog.units()).extracting(RecoveryUnit::service).containsExactly("good.service");
        assertThat(catalog.rejected())
                .containsOnlyKeys("broken.toml")
                .containsEntry("broken.toml", List.of(new UnitError("broken.toml", 1, "service", "missing")));
    }

    @Test
    void aSecondUnitForTheSameServiceIsRejected() throws Exception {
        Files.writeString(dir.resolve("a.toml"), "service=x.service");
        Files.writeString(dir.resolve("z.toml"), "service=x.service");
        UnitCatalog catalog = scan();
        assertThat(catalog.units()).extracting(RecoveryUnit::source).containsExactly("a.toml");
        assertThat(catalog.rejected().get("z.toml"))
                .containsExactly(new UnitError("z.toml", 0, "service", "x.service already has a unit in a.toml"));
    }

    @Test
    void aFileThatIsNotUtf8IsRejected() throws Exception {
        Files.write(dir.resolve("latin1.toml"), new byte[] {'s', 'e', (byte) 0xE9, '\n'});
        UnitCatalog catalog = scan();
        assertThat(catalog.units()).isEmpty();
        assertThat(catalog.rejected().get("latin1.toml")).singleElement().satisfies(e -> assertThat(e.toString())
                .startsWith("latin1.toml: cannot read: "));
    }

    @Test
    void aDanglingSymlinkIsSkipped() throws Exception {
        Files.createSymbolicLink(dir.resolve("gone.toml"), dir.resolve("missing-target"));
        UnitCatalog catalog = scan();
        assertThat(catalog.units()).isEmpty();
        assertThat(catalog.rejected()).isEmpty();
    }

    @Test
    void theShippedExamplesLoadWithTheStrictParser() throws Exception {
        UnitCatalog catalog = new UnitDirectory(Path.of("..", "examples", "units")).scan();
        assertThat(catalog.rejected()).isEmpty();
        assertThat(catalog.units())
                .extracting(RecoveryUnit::service)
                .containsExactly("echo.service", "gateway.service", "getty@.service", "echos1.service", "web.service");
    }

    @Test
    void theStrictParserRejectsABrokenFileAndKeepsTheOthers() throws Exception {
        Files.writeString(
                dir.resolve("good.toml"),
                "service = \"good.service\"\nrelax-time = \"1m\"\n[[action]]\n" + "type = \"restart-service\"\n");
        Files.writeString(
                dir.resolve("typo.toml"),
                "service = \"typo.service\"\nrelax-time = \"1m\"\n[[action]]\n" + "type = \"restart-servce\"\n");
        UnitCatalog catalog = new UnitDirectory(dir).scan();
        assertThat(catalog.units()).extracting(RecoveryUnit::service).containsExactly("good.service");
        assertThat(catalog.rejected().get("typo.toml")).singleElement().satisfies(e -> assertThat(e.toString())
                .startsWith("typo.toml:4: ")
                .contains("restart-servce"));
    }

    @Test
    void aMissingDirectoryMeansNoUnits() throws Exception {
        assertThat(new UnitDirectory(dir.resolve("absent"), UnitDirectoryTest::parse)
                        .scan()
                        .units())
                .isEmpty();
    }
}
