package io.recoverymanager.core.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Property-based tests (jqwik) of the ladder invariants: action {@code i} covers exactly the rvector
 * values {@code (r_0 + … + r_{i-1}, r_0 + … + r_i]}; the intervals never overlap, cover {@code
 * 1..length} without gaps, and every rvector beyond is exhausted.
 */
class LadderPropertiesTest {

    @Provide
    Arbitrary<List<RecoveryAction>> actionLists() {
        Arbitrary<RecoveryAction> action = Combinators.combine(
                        Arbitraries.of(ActionType.class),
                        Arbitraries.integers().between(1, 25),
                        Arbitraries.of(true, false))
                .as(RecoveryAction::new);
        return action.list().ofMinSize(1).ofMaxSize(12);
    }

    private static int sumOfRetries(List<RecoveryAction> actions, int toExclusive) {
        int sum = 0;
        for (int k = 0; k < toExclusive; k++) {
            sum += actions.get(k).retry();
        }
        return sum;
    }

    @Property
    void lengthIsTheSumOfAllRetries(@ForAll("actionLists") List<RecoveryAction> actions) {
        assertThat(new Ladder(actions).length()).isEqualTo(sumOfRetries(actions, actions.size()));
    }

    @Property
    void actionIIsSelectedExactlyInsideItsInterval(@ForAll("actionLists") List<RecoveryAction> actions) {
        Ladder ladder = new Ladder(actions);
        for (int i = 0; i < actions.size(); i++) {
            int lower = sumOfRetries(actions, i); // exclusive
            int upper = sumOfRetries(actions, i + 1); // inclusive
            for (int rvector = 1; rvector <= ladder.length(); rvector++) {
                Optional<Ladder.Step> step = ladder.select(rvector);
                boolean inside = lower < rvector && rvector <= upper;
                assertThat(step).as("rvector %d", rvector).isPresent();
                assertThat(step.get().index() == i)
                        .as("action %d selected for rvector %d (interval (%d, %d])", i, rvector, lower, upper)
                        .isEqualTo(inside);
                if (inside) {
                    assertThat(step.get().action()).isSameAs(actions.get(i));
                }
            }
        }
    }

    @Property
    void intervalsAreContiguousNonOverlappingAndCoverOneToLength(@ForAll("actionLists") List<RecoveryAction> actions) {
        Ladder ladder = new Ladder(actions);
        int[] first = new int[actions.size()];
        int[] last = new int[actions.size()];
        int[] count = new int[actions.size()];
        int previousIndex = 0;
        for (int rvector = 1; rvector <= ladder.length(); rvector++) {
            int index = ladder.select(rvector).orElseThrow().index();
            assertThat(index - previousIndex).as("no rung skipped or revisited").isBetween(0, 1);
            if (count[index]++ == 0) {
                first[index] = rvector;
            }
            last[index] = rvector;
            previousIndex = index;
        }
        assertThat(first[0]).isEqualTo(1);
        assertThat(last[actions.size() - 1]).isEqualTo(ladder.length());
        for (int i = 0; i < actions.size(); i++) {
            assertThat(count[i])
                    .as("rvectors of action %d", i)
                    .isEqualTo(actions.get(i).retry());
            assertThat(last[i] - first[i] + 1)
                    .as("action %d's interval has no holes", i)
                    .isEqualTo(count[i]);
            if (i > 0) {
                assertThat(first[i])
                        .as("action %d starts right after action %d", i, i - 1)
                        .isEqualTo(last[i - 1] + 1);
            }
        }
    }

    @Property
    void beyondTheLastIntervalIsExhausted(
            @ForAll("actionLists") List<RecoveryAction> actions,
            @ForAll @IntRange(min = 1, max = 1_000_000) int beyond) {
        Ladder ladder = new Ladder(actions);
        assertThat(ladder.select(ladder.length() + beyond)).isEmpty();
        assertThat(ladder.select(ladder.length())).isPresent();
    }

    @Property
    void nonPositiveRvectorsSelectNothing(
            @ForAll("actionLists") List<RecoveryAction> actions,
            @ForAll @IntRange(min = Integer.MIN_VALUE, max = 0) int rvector) {
        assertThat(new Ladder(actions).select(rvector)).isEmpty();
    }

    @Property
    void nextIsTheSelectionOfTheFollowingFailure(
            @ForAll("actionLists") List<RecoveryAction> actions, @ForAll @IntRange(min = 0, max = 400) int rvector) {
        Ladder ladder = new Ladder(actions);
        assertThat(ladder.next(rvector)).isEqualTo(ladder.select(rvector + 1));
    }

    @Example
    void issueExampleRestartThreeTimesThenResetPublicData() {
        Ladder ladder = new Ladder(List.of(
                new RecoveryAction(ActionType.RESTART_SERVICE, 3, false),
                RecoveryAction.of(ActionType.RESET_PUBLIC_DATA)));
        assertThat(List.of(1, 2, 3, 4))
                .map(r -> ladder.select(r).orElseThrow().action().type())
                .containsExactly(
                        ActionType.RESTART_SERVICE,
                        ActionType.RESTART_SERVICE,
                        ActionType.RESTART_SERVICE,
                        ActionType.RESET_PUBLIC_DATA);
        assertThat(ladder.select(5)).isEmpty();
    }

    @Example
    void hugeRetriesSaturateInsteadOfOverflowing() {
        Ladder ladder = new Ladder(List.of(
                new RecoveryAction(ActionType.RESTART_SERVICE, Integer.MAX_VALUE, false),
                new RecoveryAction(ActionType.FACTORY_RESET, Integer.MAX_VALUE, false)));
        assertThat(ladder.length()).isEqualTo(Integer.MAX_VALUE);
        assertThat(ladder.select(Integer.MAX_VALUE).orElseThrow().index()).isZero();
    }
}
