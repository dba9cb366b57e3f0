package io.recoverymanager.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class JobTrackerTest {
    private final JobTracker jobs = new JobTracker();

    @Test
    void aResultArrivingAfterTheWaiterCompletesIt() {
        CompletableFuture<String> waiting = jobs.await("/job/1");
        assertThat(waiting).isNotDone();

        jobs.removed("/job/1", "done");

        assertThat(waiting).isCompletedWithValue("done");
        assertThat(jobs.pendingCount()).isZero();
    }

    @Test
    void aResultArrivingBeforeTheReplyIsKeptForTheWaiter() {
        jobs.removed("/job/2", "failed");

        assertThat(jobs.await("/job/2")).isCompletedWithValue("failed");
        assertThat(jobs.await("/job/2")).isNotDone();
    }

    @Test
    void unclaimedResultsAreBounded() {
        for (int i = 0; i <= JobTracker.REMEMBERED_RESULTS; i++) {
            jobs.removed("/job/" + i, "done");
        }
        assertThat(jobs.await("/job/0")).isNotDone();
        assertThat(jobs.await("/job/1")).isCompletedWithValue("done");
    }

    @Test
    void losingTheConnectionFailsEveryWaiter() {
        CompletableFuture<String> a = jobs.await("/job/a");
        CompletableFuture<String> b = jobs.await("/job/b");

        jobs.failAll(new IllegalStateException("lost"));

        assertThat(a).isCompletedExceptionally();
        assertThat(b).isCompletedExceptionally();
        assertThat(jobs.pendingCount()).isZero();
    }

    @Test
    void forgottenJobsAreNoLongerPending() {
        jobs.await("/job/x");
        jobs.forget("/job/x");
        assertThat(jobs.pendingCount()).isZero();
    }
}
