package io.recoverymanager.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void aDanglingSymlinkIsRejectedLikeAnyLink() throws Exception {
        // Unit files are never symbolic links (UnitFileTrust): rejected with the reason, not skipped,
        // so a unit whose file turned into a link keeps its last good version.
        Files.createSymbolicLink(dir.resolve("gone.toml"), dir.resolve("missing-target"));
        UnitCatalog catalog = scan();
        assertThat(catalog.units()).isEmpty();
        assertThat(catalog.rejected().get("gone.toml")).singleElement().satisfies(e -> assertThat(e.toString())
                .startsWith("gone.toml: is a symbolic link"));
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

    @Test
    void unitFilesRootDoesNotOwnOrOthersMayWriteAreRejectedNamingTheFileAndTheReason() throws Exception {
        Files.writeString(dir.resolve("good.toml"), "service=good.service");
        Path groupWritable = Files.writeString(dir.resolve("group.toml"), "service=group.service");
        Files.setPosixFilePermissions(
                groupWritable, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-r--"));
        Path foreign = Files.writeString(dir.resolve("foreign.toml"), "service=foreign.service");
        Files.setAttribute(foreign, "unix:uid", 65534);
        Path big = dir.resolve("big.toml");
        Files.writeString(big, "service=big.service\n#" + "x".repeat(1024 * 1024));
        Files.writeString(dir.resolve("elsewhere.txt"), "service=linked.service");
        Files.createSymbolicLink(dir.resolve("linked.toml"), dir.resolve("elsewhere.txt"));

        UnitCatalog catalog = scan();

        assertThat(catalog.units()).extracting(RecoveryUnit::service).containsExactly("good.service");
        assertThat(catalog.rejected()).containsOnlyKeys("big.toml", "foreign.toml", "group.toml", "linked.toml");
        assertThat(catalog.rejected().get("group.toml").get(0).toString())
                .contains("group.toml")
                .contains("writable by group or others")
                .contains("0664");
        assertThat(catalog.rejected().get("foreign.toml").get(0).toString())
                .contains("foreign.toml")
                .contains("owned by uid 65534");
        assertThat(catalog.rejected().get("big.toml").get(0).toString())
                .contains("big.toml")
                .contains("larger than 1048576 bytes");
        assertThat(catalog.rejected().get("linked.toml").get(0).toString())
                .contains("linked.toml")
                .contains("symbolic link");
    }

    @Test
    void aUnitsDirectoryOthersMayWriteIsRefusedWhole() throws Exception {
        Files.writeString(dir.resolve("good.toml"), "service=good.service");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(this::scan)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("writable by group or others");
    }
}
