package io.recoverymanager.core.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.toml.TomlReadFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The reader gives, node for node, what {@code TomlMapper.readTree} gives, and fails where it fails. */
class TomlReaderTest {
    private static final TomlMapper WITH_DATES =
            TomlMapper.builder().enable(TomlReadFeature.PARSE_JAVA_TIME).build();
    private static final TomlMapper PLAIN = new TomlMapper();

    private static final List<String> DOCUMENTS = List.of(
            "",
            "# only a comment\n",
            "service = \"a.service\"\nrelax-time = \"30s\"\n[[action]]\ntype = \"restart-service\"\nretry = 3\n"
                    + "[[action]]\ntype = \"reset-public-data\"\nretry = 1\nreset = true\n",
            "small = 7\nnegative = -12\nlong = 9000000000\nmax = 9223372036854775807\nhex = 0xff\noct = 0o17\n"
                    + "bin = 0b101\nunderscored = 1_000\n",
            "f = 1.5\ng = -0.0\nh = 1e3\ni = 6.626e-34\nj = inf\nk = -inf\nl = nan\n",
            "t = true\nu = false\n",
            "odt = 1979-05-27T07:32:00Z\nodt2 = 1979-05-27T00:32:00.999999-07:00\nldt = 1979-05-27T07:32:00\n"
                    + "ld = 1979-05-27\nlt = 07:32:00\n",
            "s = 'literal \\\\ string'\nm = \"\"\"\nmulti\nline\"\"\"\nescaped = \"tab\\there \\u00e9\"\n",
            "inline = { a = 1, b = { c = [1, 2, 3] } }\nmixed = [[1, 2], [\"a\"], []]\n",
            "[a.b.c]\nd = 1\n[a]\ne = 2\n[x]\n[[x.y]]\nz = 1\n[[x.y]]\nz = 2\n",
            "\"quoted key\" = 1\nbare-key_1 = 2\ndotted.key.here = 3\n");

    private static final List<String> BROKEN =
            List.of("a = ", "a = 1\na = 2\n", "[x\n", "a = \"unterminated\n", "[a]\n[a]\n", "= 1\n", "a = [1,\n");

    @Test
    void everyDocumentReadsToTheSameTreeAsTheMapperGives() throws IOException {
        for (String document : documents()) {
            assertThat((JsonNode) TomlReader.DATES_AS_JAVA_TIME.read(document))
                    .as(document)
                    .isEqualTo(WITH_DATES.readTree(document));
            assertThat((JsonNode) TomlReader.DATES_AS_TEXT.read(document))
                    .as(document)
                    .isEqualTo(PLAIN.readTree(document));
        }
    }

    @Test
    void anEmptyDocumentIsAnEmptyTable() throws IOException {
        assertThat(TomlReader.DATES_AS_TEXT.read("").isEmpty()).isTrue();
    }

    @Test
    void invalidTomlFailsWithTheMappersMessageAndLine() {
        for (String document : BROKEN) {
            JsonProcessingException ours = catchThrowableOfType(
                    JsonProcessingException.class, () -> TomlReader.DATES_AS_JAVA_TIME.read(document));
            JsonProcessingException theirs =
                    catchThrowableOfType(JsonProcessingException.class, () -> WITH_DATES.readTree(document));
            assertThat(theirs).as("the mapper refuses %s", document).isNotNull();
            assertThat(ours).as("the reader refuses %s", document).isNotNull();
            assertThat(ours.getOriginalMessage()).as(document).isEqualTo(theirs.getOriginalMessage());
            assertThat(ours.getLocation().getLineNr())
                    .as(document)
                    .isEqualTo(theirs.getLocation().getLineNr());
        }
    }

    /** The inline documents, the example units and the example configuration. */
    private static List<String> documents() throws IOException {
        List<String> all = new ArrayList<>(DOCUMENTS);
        Path examples = ExampleUnitsTest.examplesDirectory();
        Path root = examples.getParent().getParent();
        try (Stream<Path> units = Files.list(examples)) {
            for (Path unit :
                    units.filter(p -> p.toString().endsWith(".toml")).sorted().toList()) {
                all.add(Files.readString(unit, StandardCharsets.UTF_8));
            }
        }
        all.add(Files.readString(
                root.resolve("recovery-daemon/examples/recoverymanager.toml"), StandardCharsets.UTF_8));
        assertThat(all).hasSizeGreaterThan(DOCUMENTS.size() + 5);
        return all;
    }
}
