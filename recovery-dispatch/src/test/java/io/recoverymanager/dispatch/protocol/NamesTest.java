package io.recoverymanager.dispatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {
    @Test
    void contextNames() {
        assertThat(Names.contextProblem("web-01.example")).isEmpty();
        assertThat(Names.contextProblem("a")).isEmpty();
        assertThat(Names.contextProblem("")).isPresent();
        assertThat(Names.contextProblem("-rf")).isPresent();
        assertThat(Names.contextProblem(".hidden")).isPresent();
        assertThat(Names.contextProblem("a/b")).isPresent();
        assertThat(Names.contextProblem("x".repeat(65))).isPresent();
        assertThat(Names.contextProblem("evil\nFAKE LOG LINE").orElseThrow()).doesNotContain("\n");
    }

    @Test
    void printableNeutralisesLineBreaksAndCutsLongText() {
        assertThat(Names.printable("a\nb\r\u0085c\u2028")).isEqualTo("a?b??c?");
        assertThat(Names.printable("y".repeat(500))).hasSize(121).endsWith("…");
    }
}
