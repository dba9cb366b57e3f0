package io.recoverymanager.core.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TomlLineIndexTest {
    private static final String TEXT =
            """
            # comment with [[action]] and key = 1
            service = "a # not a comment"
            "relax-time" = 'x'
            literal = '''
            [[action]]
            '''
            list = [
              "x", # comment ]
              "y",
            ]
            a.b.c = 1

            [[action]]
            type = "t"
            [ "friend" ]
            x = 1
            [[action]]
              retry = 2
            """;

    private final TomlLineIndex index = TomlLineIndex.of(TEXT);

    @Test
    void findsTopLevelKeysQuotedOrNot() {
        assertThat(index.lineOf("service")).isEqualTo(2);
        assertThat(index.lineOf("relax-time")).isEqualTo(3);
        assertThat(index.lineOf("literal")).isEqualTo(4);
        assertThat(index.lineOf("list")).isEqualTo(7);
    }

    @Test
    void followsMultiLineValuesAndDottedKeys() {
        assertThat(index.lineOf("a.b.c")).isEqualTo(11);
        assertThat(index.lineOf("a")).isEqualTo(11);
    }

    @Test
    void countsArrayOfTablesHeadersOutsideStrings() {
        assertThat(index.lineOf("action[0]")).isEqualTo(13);
        assertThat(index.lineOf("action[0].type")).isEqualTo(14);
        assertThat(index.lineOf("action[1]")).isEqualTo(17);
        assertThat(index.lineOf("action[1].retry")).isEqualTo(18);
        assertThat(index.lineOf("friend.x")).isEqualTo(16);
    }

    @Test
    void fallsBackToTheEnclosingKey() {
        assertThat(index.lineOf("action[1].type")).isEqualTo(17);
        assertThat(index.lineOf("action[7].type")).isEqualTo(13);
        assertThat(index.lineOf("nothing.here")).isZero();
        assertThat(index.contains("action[1].type")).isFalse();
    }

    @Test
    void findsTheFirstDuplicateAssignment() {
        assertThat(index.firstDuplicate()).isEmpty();
        TomlLineIndex duplicated = TomlLineIndex.of("a = 1\n[t]\nb = 1\nc = 2\nb = 3\n");
        assertThat(duplicated.firstDuplicate()).contains(Map.entry("t.b", 5));
    }

    @Test
    void findsTheFirstKeyOrTableDefinedTwiceWithBothLines() {
        assertThat(index.firstDefinedTwice()).isEmpty();
        assertThat(TomlLineIndex.of("bus = 1\n\nbus = 2\n").firstDefinedTwice())
                .contains(new TomlLineIndex.Duplicate("bus", 3, 1, false));
        assertThat(TomlLineIndex.of("[ipc]\ntimeout = 1\n[history]\n[ipc]\n[history]\n")
                        .firstDefinedTwice())
                .contains(new TomlLineIndex.Duplicate("ipc", 4, 1, true));
        assertThat(TomlLineIndex.of("[[a]]\nx = 1\n[[a]]\nx = 2\n").firstDefinedTwice())
                .isEmpty();
    }
}
