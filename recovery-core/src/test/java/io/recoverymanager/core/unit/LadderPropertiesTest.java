package io.recoverymanager.core.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The ladder's interval invariants, for any list of retry counts. */
class LadderPropertiesTest {

    private static Ladder ladder(List<Integer> retries) {
        return new Ladder(retries.stream()
                .map(r -> new RecoveryAction(ActionType.RESTART_SERVICE, r, false))
                .toList());
    }

    @Property
    void actionIIsSelectedExactlyForItsInterval(
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 20) Integer> retries) {
        Ladder ladder = ladder(retries);
        int lower = 0;
        for (int i = 0; i < retries.size(); i++) {
            int upper = lower + retries.get(i);
            for (int r = lower + 1; r <= upper; r++) {
                assertThat(ladder.select(r)).map(Ladder.Step::index).contains(i);
            }
            lower = upper;
        }
    }

    @Property
    void intervalsCoverOneToLengthWithoutGapsAndNothingBeyond(
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 20) Integer> retries) {
        Ladder ladder = ladder(retries);
        int sum = retries.stream().mapToInt(Integer::intValue).sum();

        assertThat(ladder.length()).isEqualTo(sum);
        int previousIndex = 0;
        for (int r = 1; r <= sum; r++) {
            int index = ladder.select(r).orElseThrow().index();
            assertThat(index).isBetween(previousIndex, previousIndex + 1); // monotone, no overlap, no gap
            previousIndex = index;
        }
        assertThat(previousIndex).isEqualTo(retries.size() - 1);
        assertThat(ladder.select(sum + 1)).isEmpty();
        assertThat(ladder.select(0)).isEmpty();
    }

    @Property
    void nextIsTheSelectionOfTheFollowingFailure(
            @ForAll @Size(min = 1, max = 5) List<@IntRange(min = 1, max = 5) Integer> retries,
            @ForAll @IntRange(min = 0, max = 30) int rvector) {
        Ladder ladder = ladder(retries);
        assertThat(ladder.next(rvector)).isEqualTo(ladder.select(rvector + 1));
    }
}
