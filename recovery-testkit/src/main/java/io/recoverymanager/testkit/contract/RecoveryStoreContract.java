package io.recoverymanager.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recoverymanager.core.model.FailureCount;
import io.recoverymanager.core.model.HistoryBoot;
import io.recoverymanager.core.model.HistoryEntry;
import io.recoverymanager.core.model.HistoryQuery;
import io.recoverymanager.core.model.Meditation;
import io.recoverymanager.core.model.PendingAction;
import io.recoverymanager.core.model.ServiceRecord;
import io.recoverymanager.core.model.StoreWrite;
import io.recoverymanager.core.model.UnitSyncPlan;
import io.recoverymanager.core.model.UnitSyncReport;
import io.recoverymanager.core.spi.RecoveryStore;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.core.unit.Friend.FriendAction;
import io.recoverymanager.core.unit.Friend.FriendType;
import io.recoverymanager.core.unit.RecoveryUnit;
import io.recoverymanager.core.unit.StoredUnit;
import io.recoverymanager.testkit.UnitBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The documented semantics of the {@link RecoveryStore} port, as one JUnit 5 suite every store
 * implementation runs: unit rows and count zeroing applied from a plan in one transaction, failure
 * counting with de-duplication, relax and reset, meditation and the history query. Persistence
 * only: the sync policy (diffing, last good unit, templates) is the core's {@code UnitSync} and is
 * tested there.
 *
 * <p>Extend it and return a fresh, empty store from {@link #newStore()}; a store that is {@link
 * AutoCloseable} is closed after each test. The {@link io.recoverymanager.core.spi.Outbox} port has
 * its own suite, {@link OutboxContract}.
 *
 * <p>Thread-safety: JUnit creates one instance per test.
 */
public abstract class RecoveryStoreContract {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String ECHO = "echo.service";
    private static final String OTHER = "other.service";
    private static final String GETTY = "getty@.service";
    private static final String TTY1 = "getty@tty1.service";

    /** The store under test; a fresh, empty one per test. */
    protected RecoveryStore store;

    /** A fresh, empty store. */
    protected abstract RecoveryStore newStore();

    @BeforeEach
    public void createStore() {
        store = newStore();
    }

    @AfterEach
    public void closeStore() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    private static RecoveryUnit echo() {
        return UnitBuilder.forService(ECHO)
                .action(ActionType.RESTART_SERVICE, 3)
                .action(ActionType.RESET_PUBLIC_DATA)
                .publicData("/var/lib/echo/public")
                .build();
    }

    private static RecoveryUnit echoEdited() {
        return UnitBuilder.forService(ECHO)
                .action(ActionType.RESTART_SERVICE, 5)
                .action(ActionType.RESET_PUBLIC_DATA)
                .publicData("/var/lib/echo/public")
                .build();
    }

    private static RecoveryUnit other() {
        return UnitBuilder.forService(OTHER).action(ActionType.RESTART_SERVICE).build();
    }

    private static RecoveryUnit getty(int retry) {
        return UnitBuilder.forService(GETTY)
                .action(ActionType.RESTART_SERVICE, retry)
                .build();
    }

    /** A unit using every field, so a store that drops or mangles one is caught. */
    private static RecoveryUnit everyField() {
        return UnitBuilder.forService("full.service")
                .source("full-unit.toml")
                .relaxTime(Duration.ofMillis(90_500))
                .checkStart(true)
                .publicData("/var/lib/full/public")
                .privateData("/var/lib/full/private")
                .action(ActionType.RESTART_SERVICE, 2)
                .resettingAction(ActionType.RESET_PRIVATE_DATA, 1)
                .action(ActionType.DISABLE_SERVICE)
                .action(ActionType.RESTART_PLATFORM)
                .friend(FriendType.SERVICE, "db.service", "container2", FriendAction.RESTART, Duration.ofSeconds(5))
                .friend(FriendType.PROCESS, "dbus-daemon", null, FriendAction.STOP, Duration.ZERO)
                .signalFriend(FriendType.SERVICE, "log.service", null, 10, Duration.ofMillis(250))
                .build();
    }

    private static HistoryEntry entry(int second, String service, String kind) {
        return new HistoryEntry(T0.plusSeconds(second), service, "host", second, kind, "restart-service", "#" + second);
    }

    private void fail(String service, int times) {
        for (int i = 0; i < times; i++) {
            store.countFailure(service, service + "-failure-" + i, T0.plusSeconds(i));
        }
    }

    // ------------------------------------------------------------------ unit rows

    /** A plan as the core would hand it over; the store ignores the report. */
    private static UnitSyncPlan plan(
            List<String> deleted, List<RecoveryUnit> saved, Set<String> zeroed, List<RecoveryUnit> inForce) {
        return new UnitSyncPlan(
                deleted,
                saved.stream().map(StoredUnit::of).toList(),
                zeroed,
                inForce.stream().map(StoredUnit::of).toList(),
                new UnitSyncReport(List.of(), List.of(), List.of(), 0));
    }

    /** Saves units into the empty store under test. */
    private void save(RecoveryUnit... units) {
        List<RecoveryUnit> bySource = Arrays.stream(units)
                .sorted(Comparator.comparing(RecoveryUnit::source))
                .toList();
        store.applyUnitSync(plan(List.of(), bySource, Set.of(), bySource));
    }

    /**
     * The store under test as a new process would find it. Stores that keep their state elsewhere
     * (a file) close {@link #store} and open it again; the default returns it as it is.
     */
    protected RecoveryStore reopened() throws Exception {
        return store;
    }

    @Test
    public void anEmptyStoreHasNoUnits() {
        assertThat(store.units()).isEmpty();
    }

    @Test
    public void aSavedUnitComesBackWithEveryFieldAndItsHash() throws Exception {
        save(everyField());

        assertThat(store.units()).containsExactly(StoredUnit.of(everyField()));
        store = reopened();
        assertThat(store.units()).containsExactly(StoredUnit.of(everyField()));
    }

    @Test
    public void unitsComeOrderedBySource() throws Exception {
        RecoveryUnit b = UnitBuilder.forService("a.service")
                .source("b.toml")
                .action(ActionType.RESTART_SERVICE)
                .build();
        RecoveryUnit a = UnitBuilder.forService("b.service")
                .source("a.toml")
                .action(ActionType.RESTART_SERVICE)
                .build();

        store.applyUnitSync(plan(List.of(), List.of(b, a), Set.of(), List.of(a, b)));

        assertThat(store.units()).extracting(StoredUnit::unit).containsExactly(a, b);
        store = reopened();
        assertThat(store.units()).extracting(StoredUnit::unit).containsExactly(a, b);
    }

    @Test
    public void aSourceDeletedAndSavedAgainHoldsTheNewUnit() throws Exception {
        save(echo(), other());

        store.applyUnitSync(
                plan(List.of(echo().source()), List.of(echoEdited()), Set.of(), List.of(echoEdited(), other())));

        assertThat(store.units()).containsExactly(StoredUnit.of(echoEdited()), StoredUnit.of(other()));
        store = reopened();
        assertThat(store.units()).containsExactly(StoredUnit.of(echoEdited()), StoredUnit.of(other()));
    }

    @Test
    public void aDeletedSourceIsGoneAndAnUnknownOneIsIgnored() throws Exception {
        save(echo(), other());

        store.applyUnitSync(plan(List.of(echo().source(), "never-saved.toml"), List.of(), Set.of(), List.of(other())));

        assertThat(store.units()).containsExactly(StoredUnit.of(other()));
        store = reopened();
        assertThat(store.units()).containsExactly(StoredUnit.of(other()));
    }

    @Test
    public void aUnitKeepsTheHashItWasSavedUnder() {
        StoredUnit underAnOlderHash = new StoredUnit(echo(), "0123abcd");

        store.applyUnitSync(new UnitSyncPlan(
                List.of(),
                List.of(underAnOlderHash),
                Set.of(),
                List.of(underAnOlderHash),
                new UnitSyncReport(List.of(), List.of(), List.of(), 0)));

        assertThat(store.units()).singleElement().extracting(StoredUnit::hash).isEqualTo("0123abcd");
    }

    @Test
    public void theNamedServicesReturnToZeroKeepingTheirLastFailure() {
        save(echo(), other(), getty(2));
        fail(ECHO, 2);
        fail(OTHER, 1);
        fail(TTY1, 2);
        store.armRelax(ECHO, 2, T0.plusSeconds(60));
        ServiceRecord echoBefore = store.state(ECHO);

        store.applyUnitSync(plan(
                List.of(echo().source()),
                List.of(echoEdited()),
                Set.of(ECHO, "never-failed.service"),
                List.of(echoEdited(), getty(2), other())));

        assertThat(store.state(ECHO))
                .isEqualTo(new ServiceRecord(
                        ECHO, 0, Optional.empty(), echoBefore.lastFailureId(), echoBefore.lastFailureAt()));
        assertThat(store.state(OTHER).rvector())
                .as("a service not named keeps its count")
                .isEqualTo(1);
        assertThat(store.state(TTY1).rvector()).isEqualTo(2);
        assertThat(store.state("never-failed.service")).isEqualTo(ServiceRecord.initial("never-failed.service"));
        assertThat(store.escalated()).extracting(ServiceRecord::service).containsExactly(TTY1, OTHER);
    }

    @Test
    public void aTemplateNameZeroesNoInstance() {
        // Which instances a template governs is the core's decision; it names each of them.
        save(getty(2));
        fail(TTY1, 2);

        store.applyUnitSync(plan(List.of(getty(2).source()), List.of(), Set.of(GETTY), List.of()));

        assertThat(store.state(TTY1).rvector()).isEqualTo(2);
        assertThat(store.units()).isEmpty();
    }

    @Test
    public void aFailureCountedBeforeAZeroingIsStillRecognisedAfterIt() {
        save(echo());
        store.countFailure(ECHO, "invocation-1", T0);

        store.applyUnitSync(plan(List.of(echo().source()), List.of(echoEdited()), Set.of(ECHO), List.of(echoEdited())));
        FailureCount again = store.countFailure(ECHO, "invocation-1", T0);

        assertThat(again).isEqualTo(new FailureCount(0, false));
        assertThat(store.state(ECHO).lastFailureId()).contains("invocation-1");
    }

    @Test
    public void aPlanThatCannotBeAppliedWholeChangesNothing() throws Exception {
        save(echo(), other());
        fail(ECHO, 2);
        fail(OTHER, 1);
        RecoveryUnit added = UnitBuilder.forService("added.service")
                .action(ActionType.RESTART_SERVICE)
                .build();

        // echo.toml is saved over without being deleted: the store must refuse the whole plan, not
        // leave the other rows written and the counts as they were.
        assertThatThrownBy(() -> store.applyUnitSync(plan(
                        List.of(other().source()),
                        List.of(added, echoEdited()),
                        Set.of(ECHO, OTHER),
                        List.of(added, echoEdited()))))
                .isInstanceOf(RuntimeException.class);

        assertThat(store.units()).containsExactly(StoredUnit.of(echo()), StoredUnit.of(other()));
        assertThat(store.state(ECHO).rvector()).isEqualTo(2);
        assertThat(store.state(OTHER).rvector()).isEqualTo(1);
        store = reopened();
        assertThat(store.units()).containsExactly(StoredUnit.of(echo()), StoredUnit.of(other()));
        assertThat(store.state(ECHO).rvector()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ failures and state

    @Test
    public void aServiceNeverSeenFailingHasTheInitialState() {
        assertThat(store.state(ECHO)).isEqualTo(ServiceRecord.initial(ECHO));
        assertThat(store.escalated()).isEmpty();
    }

    @Test
    public void countFailureIncrementsAndRemembersTheFailure() {
        FailureCount first = store.countFailure(ECHO, "invocation-1", T0);
        FailureCount second = store.countFailure(ECHO, "invocation-2", T0.plusSeconds(5));

        assertThat(first).isEqualTo(new FailureCount(1, true));
        assertThat(second).isEqualTo(new FailureCount(2, true));
        assertThat(store.state(ECHO))
                .isEqualTo(new ServiceRecord(
                        ECHO, 2, Optional.empty(), Optional.of("invocation-2"), Optional.of(T0.plusSeconds(5))));
    }

    @Test
    public void aFailureThatHappenedBeforeTheLastCountedIsNotCountedNorItsIntentRecorded() {
        store.countFailure(ECHO, "invocation-2", T0.plusSeconds(5));

        FailureCount late =
                store.countFailure(ECHO, "invocation-1", T0, r -> Optional.of(pending("req-late", "invocation-1", r)));
        FailureCount batched = store.commitBatch(List.of(new StoreWrite.CountFailure(
                        ECHO,
                        "invocation-0",
                        T0.minusSeconds(1),
                        r -> Optional.of(pending("req-batched", "invocation-0", r)))))
                .get(0);
        FailureCount sameInstant = store.countFailure(ECHO, "invocation-3", T0.plusSeconds(5));

        assertThat(late).isEqualTo(new FailureCount(1, false));
        assertThat(batched).isEqualTo(new FailureCount(1, false));
        assertThat(store.pendingActions()).isEmpty();
        assertThat(sameInstant).isEqualTo(new FailureCount(2, true));
        assertThat(store.state(ECHO).lastFailureId()).hasValue("invocation-3");
    }

    // ------------------------------------------------------------------ pending actions

    private static PendingAction pending(String requestId, String failureId, int rvector) {
        return new PendingAction(requestId, ECHO, failureId, rvector, ActionType.RESTART_SERVICE, T0, false);
    }

    @Test
    public void aBatchAppliesItsWritesInOrderAndReturnsTheCountsOfItsFailures() {
        store.countFailure(OTHER, "other-1", T0, r -> Optional.of(pending("req-other", "other-1", r)));

        List<FailureCount> counts = store.commitBatch(List.of(
                new StoreWrite.CountFailure(
                        ECHO, "invocation-1", T0, r -> Optional.of(pending("req-" + r, "invocation-1", r))),
                new StoreWrite.ArmRelax(ECHO, 1, T0.plusSeconds(60)),
                new StoreWrite.ClosePendingAction("req-1"),
                new StoreWrite.CountFailure(ECHO, "invocation-2", T0.plusSeconds(5), r -> Optional.empty()),
                new StoreWrite.CountFailure(ECHO, "invocation-2", T0.plusSeconds(5), r -> Optional.empty()),
                new StoreWrite.ClosePendingAction("req-other"),
                new StoreWrite.ArmRelax(ECHO, 1, T0.plusSeconds(90))));

        assertThat(counts)
                .containsExactly(new FailureCount(1, true), new FailureCount(2, true), new FailureCount(2, false));
        // the second arm was for an rvector that is no longer current: no effect
        assertThat(store.state(ECHO))
                .isEqualTo(new ServiceRecord(
                        ECHO,
                        2,
                        Optional.of(T0.plusSeconds(60)),
                        Optional.of("invocation-2"),
                        Optional.of(T0.plusSeconds(5))));
        assertThat(store.pendingActions()).isEmpty();
        assertThat(store.commitBatch(List.of())).isEmpty();
    }

    @Test
    public void aFailureCountedWithAnIntentLeavesAPendingAction() {
        FailureCount count = store.countFailure(
                ECHO, "invocation-1", T0, rvector -> Optional.of(pending("req-" + rvector, "invocation-1", rvector)));

        assertThat(count).isEqualTo(new FailureCount(1, true));
        assertThat(store.pendingActions()).containsExactly(pending("req-1", "invocation-1", 1));
        assertThat(store.state(ECHO).lastFailureId()).contains("invocation-1");
    }

    @Test
    public void anIntentOfNothingCountsWithoutAPendingAction() {
        assertThat(store.countFailure(ECHO, "invocation-1", T0, rvector -> Optional.empty()))
                .isEqualTo(new FailureCount(1, true));
        assertThat(store.pendingActions()).isEmpty();
    }

    @Test
    public void aFailureAlreadyCountedRecordsNoSecondIntent() {
        store.countFailure(ECHO, "invocation-1", T0, r -> Optional.of(pending("req-1", "invocation-1", r)));
        store.closePendingAction("req-1");

        FailureCount again =
                store.countFailure(ECHO, "invocation-1", T0, r -> Optional.of(pending("req-again", "invocation-1", r)));

        assertThat(again).isEqualTo(new FailureCount(1, false));
        assertThat(store.pendingActions()).isEmpty();
    }

    @Test
    public void anIntentThatThrowsCountsNothing() {
        assertThatThrownBy(() -> store.countFailure(ECHO, "invocation-1", T0, r -> {
                    throw new IllegalStateException("no decision");
                }))
                .isInstanceOf(RuntimeException.class);

        assertThat(store.state(ECHO)).isEqualTo(ServiceRecord.initial(ECHO));
        assertThat(store.pendingActions()).isEmpty();
    }

    @Test
    public void pendingActionsComeOldestFirstAndCloseByRequestId() {
        store.countFailure(ECHO, "f1", T0, r -> Optional.of(pending("req-b", "f1", r)));
        store.countFailure(ECHO, "f2", T0, r -> Optional.of(pending("req-a", "f2", r)));

        assertThat(store.pendingActions()).extracting(PendingAction::requestId).containsExactly("req-b", "req-a");

        store.closePendingAction("req-b");
        store.closePendingAction("unknown");

        assertThat(store.pendingActions()).containsExactly(pending("req-a", "f2", 2));
    }

    @Test
    public void aPendingActionMarkedStartedStaysPendingAndSaysSo() {
        store.countFailure(ECHO, "f1", T0, r -> Optional.of(pending("req-1", "f1", r)));

        store.markPendingStarted("req-1");
        store.markPendingStarted("unknown");

        assertThat(store.pendingActions())
                .containsExactly(pending("req-1", "f1", 1).markedStarted());
    }

    @Test
    public void countFailureNeedsNoIngestedUnit() {
        assertThat(store.countFailure("unknown.service", "x", T0)).isEqualTo(new FailureCount(1, true));
    }

    @Test
    public void theSameFailureCountedAgainChangesNothing() {
        store.countFailure(ECHO, "invocation-1", T0);

        FailureCount again = store.countFailure(ECHO, "invocation-1", T0.plusSeconds(1));

        assertThat(again).isEqualTo(new FailureCount(1, false));
        assertThat(store.state(ECHO).lastFailureAt()).contains(T0);
    }

    @Test
    public void onlyTheLastCountedFailureIsDeduplicated() {
        store.countFailure(ECHO, "a", T0);
        store.countFailure(ECHO, "b", T0);

        assertThat(store.countFailure(ECHO, "a", T0)).isEqualTo(new FailureCount(3, true));
    }

    @Test
    public void failureIdentitiesArePerService() {
        store.countFailure(ECHO, "same-id", T0);

        assertThat(store.countFailure(OTHER, "same-id", T0)).isEqualTo(new FailureCount(1, true));
    }

    @Test
    public void timesKeepTheirFullPrecision() {
        Instant precise = Instant.parse("2026-03-04T05:06:07.123456789Z");
        store.countFailure(ECHO, "x", precise);
        store.armRelax(ECHO, 1, precise.plusNanos(1));

        assertThat(store.state(ECHO).lastFailureAt()).contains(precise);
        assertThat(store.state(ECHO).relaxDeadline()).contains(precise.plusNanos(1));
    }

    @Test
    public void escalatedListsServicesWithAPositiveRvectorByName() {
        fail(OTHER, 1);
        fail(ECHO, 3);
        fail("idle.service", 1);
        store.reset("idle.service");

        assertThat(store.escalated()).extracting(ServiceRecord::service).containsExactly(ECHO, OTHER);
        assertThat(store.escalated()).extracting(ServiceRecord::rvector).containsExactly(3, 1);
    }

    @Test
    public void armRelaxRecordsTheDeadlineAtTheCurrentRvector() {
        fail(ECHO, 2);

        store.armRelax(ECHO, 2, T0.plusSeconds(120));

        assertThat(store.state(ECHO).relaxDeadline()).contains(T0.plusSeconds(120));
        assertThat(store.state(ECHO).rvector()).isEqualTo(2);
    }

    @Test
    public void armRelaxForAStaleRvectorIsIgnored() {
        fail(ECHO, 2);

        store.armRelax(ECHO, 1, T0.plusSeconds(120));

        assertThat(store.state(ECHO).relaxDeadline()).isEmpty();
    }

    @Test
    public void aNewFailureKeepsTheArmedDeadline() {
        fail(ECHO, 1);
        store.armRelax(ECHO, 1, T0.plusSeconds(60));

        store.countFailure(ECHO, "later", T0.plusSeconds(10));

        assertThat(store.state(ECHO).relaxDeadline()).contains(T0.plusSeconds(60));
        assertThat(store.state(ECHO).rvector()).isEqualTo(2);
    }

    @Test
    public void relaxIfUnchangedReturnsTheRvectorToZeroAndClearsTheDeadline() {
        fail(ECHO, 2);
        store.armRelax(ECHO, 2, T0.plusSeconds(60));

        assertThat(store.relaxIfUnchanged(ECHO, 2)).isTrue();

        ServiceRecord state = store.state(ECHO);
        assertThat(state.rvector()).isZero();
        assertThat(state.relaxDeadline()).isEmpty();
        assertThat(state.lastFailureId())
                .as("the identity stays, so the failure is not counted again")
                .contains(ECHO + "-failure-1");
        assertThat(store.escalated()).isEmpty();
    }

    @Test
    public void relaxIfUnchangedDoesNothingWhenTheRvectorMoved() {
        fail(ECHO, 2);
        store.armRelax(ECHO, 2, T0.plusSeconds(60));
        store.countFailure(ECHO, "third", T0.plusSeconds(30));

        assertThat(store.relaxIfUnchanged(ECHO, 2)).isFalse();

        assertThat(store.state(ECHO).rvector()).isEqualTo(3);
        assertThat(store.state(ECHO).relaxDeadline()).contains(T0.plusSeconds(60));
    }

    @Test
    public void relaxIfUnchangedAtZeroOrForAnUnknownServiceIsFalse() {
        assertThat(store.relaxIfUnchanged(ECHO, 0)).isFalse();
        assertThat(store.relaxIfUnchanged(ECHO, 1)).isFalse();
        assertThat(store.state(ECHO)).isEqualTo(ServiceRecord.initial(ECHO));
    }

    @Test
    public void resetReturnsThePreviousRvectorAndZeroesIt() {
        fail(ECHO, 3);
        store.armRelax(ECHO, 3, T0.plusSeconds(60));

        assertThat(store.reset(ECHO)).isEqualTo(3);

        assertThat(store.state(ECHO).rvector()).isZero();
        assertThat(store.state(ECHO).relaxDeadline()).isEmpty();
        assertThat(store.reset(ECHO)).isZero();
        assertThat(store.countFailure(ECHO, ECHO + "-failure-2", T0))
                .as("the last identity survives a reset")
                .isEqualTo(new FailureCount(0, false));
    }

    @Test
    public void resetOfAnUnknownServiceReturnsZero() {
        assertThat(store.reset(ECHO)).isZero();
        assertThat(store.state(ECHO)).isEqualTo(ServiceRecord.initial(ECHO));
    }

    // ------------------------------------------------------------------ meditation

    @Test
    public void meditationIsRecordedPerContext() {
        Meditation host = new Meditation("host", "boot-1", ECHO, ActionType.RESTART_PLATFORM, T0);
        Meditation container = new Meditation("container2", "boot-1", OTHER, ActionType.RESTART_CONTEXT, T0);

        assertThat(store.meditation("host")).isEmpty();
        store.enterMeditation(host);
        store.enterMeditation(container);

        assertThat(store.meditation("host")).contains(host);
        assertThat(store.meditation("container2")).contains(container);
        assertThat(store.meditation("container3")).isEmpty();
    }

    @Test
    public void enteringMeditationAgainReplacesIt() {
        store.enterMeditation(new Meditation("host", "boot-1", ECHO, ActionType.RESTART_PLATFORM, T0));
        Meditation next = new Meditation("host", "boot-2", OTHER, ActionType.FACTORY_RESET, T0.plusSeconds(9));

        store.enterMeditation(next);

        assertThat(store.meditation("host")).contains(next);
    }

    @Test
    public void endMeditationEndsOnlyThatContext() {
        store.enterMeditation(new Meditation("host", "boot-1", ECHO, ActionType.RESTART_PLATFORM, T0));
        Meditation container = new Meditation("container2", "boot-1", OTHER, ActionType.RESTART_CONTEXT, T0);
        store.enterMeditation(container);

        store.endMeditation("host");
        store.endMeditation("never-meditated");

        assertThat(store.meditation("host")).isEmpty();
        assertThat(store.meditation("container2")).contains(container);
    }

    // ------------------------------------------------------------------ history

    @Test
    public void historyComesBackWholeOldestFirst() {
        HistoryEntry contextWide = new HistoryEntry(T0, "", "host", 0, "meditation-entered", "", "");
        store.appendHistory(contextWide);
        store.appendHistory(entry(1, ECHO, "failure-counted"));
        store.appendHistory(entry(2, OTHER, "action-issued"));

        assertThat(store.history(HistoryQuery.all(100)))
                .containsExactly(contextWide, entry(1, ECHO, "failure-counted"), entry(2, OTHER, "action-issued"));
    }

    @Test
    public void historyLimitKeepsTheNewestRowsOldestFirst() {
        for (int i = 0; i < 10; i++) {
            store.appendHistory(entry(i, ECHO, "k"));
        }

        assertThat(store.history(HistoryQuery.all(3)))
                .containsExactly(entry(7, ECHO, "k"), entry(8, ECHO, "k"), entry(9, ECHO, "k"));
    }

    @Test
    public void historyFiltersByService() {
        for (int i = 0; i < 6; i++) {
            store.appendHistory(entry(i, i % 2 == 0 ? ECHO : OTHER, "k"));
        }

        assertThat(store.history(new HistoryQuery(Optional.of(ECHO), Optional.empty(), 2)))
                .containsExactly(entry(2, ECHO, "k"), entry(4, ECHO, "k"));
        assertThat(store.history(new HistoryQuery(Optional.of("unknown.service"), Optional.empty(), 10)))
                .isEmpty();
    }

    @Test
    public void historySinceIsInclusive() {
        for (int i = 0; i < 5; i++) {
            store.appendHistory(entry(i, ECHO, "k"));
        }

        assertThat(store.history(new HistoryQuery(Optional.empty(), Optional.of(T0.plusSeconds(3)), 10)))
                .containsExactly(entry(3, ECHO, "k"), entry(4, ECHO, "k"));
    }

    @Test
    public void historyFiltersByServiceAndSinceWithALimit() {
        for (int i = 0; i < 10; i++) {
            store.appendHistory(entry(i, i % 2 == 0 ? ECHO : OTHER, "k"));
        }

        assertThat(store.history(new HistoryQuery(Optional.of(OTHER), Optional.of(T0.plusSeconds(4)), 2)))
                .containsExactly(entry(7, OTHER, "k"), entry(9, OTHER, "k"));
    }

    @Test
    public void historyKeepsFailureDetailsAndTheBoot() {
        HistoryEntry exited = new HistoryEntry(
                T0,
                ECHO,
                "host",
                1,
                "failure",
                "",
                "result=exit-code status=3",
                OptionalInt.of(3),
                OptionalInt.empty(),
                "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
                "boot-a/instance-1");
        HistoryEntry killed = new HistoryEntry(
                T0.plusSeconds(1),
                OTHER,
                "host",
                2,
                "failure",
                "",
                "result=signal signal=9",
                OptionalInt.empty(),
                OptionalInt.of(9),
                "",
                "boot-a/instance-1");
        store.appendHistory(List.of(exited, killed));

        assertThat(store.history(HistoryQuery.all(10))).containsExactly(exited, killed);
    }

    @Test
    public void historyFiltersByBootAndKind() {
        store.appendHistory(entry(0, ECHO, "failure"));
        store.appendHistory(entry(1, ECHO, "failure").withBootId("b1"));
        store.appendHistory(entry(2, ECHO, "action").withBootId("b1"));
        store.appendHistory(entry(3, ECHO, "failure").withBootId("b2"));
        store.appendHistory(entry(4, OTHER, "action").withBootId("b2"));
        store.appendHistory(entry(5, ECHO, "recovered").withBootId("b2"));

        assertThat(store.history(new HistoryQuery(
                        Optional.empty(), Optional.empty(), 10, Optional.of("b2"), Set.of("action", "failure"))))
                .containsExactly(
                        entry(3, ECHO, "failure").withBootId("b2"),
                        entry(4, OTHER, "action").withBootId("b2"));
        assertThat(store.history(
                        new HistoryQuery(Optional.of(ECHO), Optional.empty(), 1, Optional.empty(), Set.of("failure"))))
                .containsExactly(entry(3, ECHO, "failure").withBootId("b2"));
        assertThat(store.history(new HistoryQuery(
                        Optional.empty(), Optional.of(T0.plusSeconds(2)), 10, Optional.of("b1"), Set.of())))
                .containsExactly(entry(2, ECHO, "action").withBootId("b1"));
    }

    @Test
    public void historyBootsComeInTheOrderOfTheirFirstRow() {
        store.appendHistory(entry(0, ECHO, "k"));
        store.appendHistory(entry(1, ECHO, "k").withBootId("b1"));
        store.appendHistory(entry(2, ECHO, "k").withBootId("b1"));
        store.appendHistory(entry(3, ECHO, "k").withBootId("b2"));

        assertThat(store.historyBoots())
                .containsExactly(
                        new HistoryBoot("b1", T0.plusSeconds(1), T0.plusSeconds(2), 2),
                        new HistoryBoot("b2", T0.plusSeconds(3), T0.plusSeconds(3), 1));
    }

    @Test
    public void historyKeepsAppendOrderEvenForOutOfOrderTimes() {
        store.appendHistory(entry(5, ECHO, "late-clock"));
        store.appendHistory(entry(1, ECHO, "early-clock"));

        assertThat(store.history(HistoryQuery.all(10)))
                .extracting(HistoryEntry::kind)
                .containsExactly("late-clock", "early-clock");
    }
}
