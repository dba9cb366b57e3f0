package io.recoverymanager.bench;

import io.recoverymanager.core.api.RecoveryEngine;
import io.recoverymanager.core.model.ServiceFailure;
import io.recoverymanager.core.model.ServiceStatus;
import io.recoverymanager.core.spi.ServiceManager;
import io.recoverymanager.core.spi.ServiceObserver;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.core.unit.RecoveryUnit;
import io.recoverymanager.core.unit.UnitCatalog;
import io.recoverymanager.testkit.InMemoryRecoveryStore;
import io.recoverymanager.testkit.ManualClock;
import io.recoverymanager.testkit.RecordingSystemActions;
import io.recoverymanager.testkit.UnitBuilder;
import io.recoverymanager.testkit.VirtualEventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's failure → decision → action path with the in-memory store: one failure reported,
 * counted, decided (restart-service), issued to the fake service manager and relax timer armed,
 * per operation. {@code storeOnly} measures the bare store commit of the same failure, so the
 * engine's own overhead shows as a ratio measured in the same run.
 *
 * <p>Thread-safety: JMH state, one per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class EngineFailurePathBenchmark {

    /** How many units are in force (the store's look-up cost grows with it). */
    @Param({"10", "1000"})
    public int units;

    private ManualClock clock;
    private VirtualEventLoop loop;
    private InMemoryRecoveryStore store;
    private RecoveryEngine engine;
    private long failures;

    @Setup(Level.Iteration)
    public void setUp() {
        clock = new ManualClock();
        loop = new VirtualEventLoop(clock);
        store = new InMemoryRecoveryStore();
        engine = RecoveryEngine.builder()
                .context("bench")
                .clock(clock)
                .loop(loop)
                .store(store)
                .serviceManager(new QuietServiceManager())
                .systemActions(RecordingSystemActions.master())
                .build();
        List<RecoveryUnit> catalog = new ArrayList<>();
        for (int i = 0; i < units; i++) {
            catalog.add(UnitBuilder.forService("svc" + i + ".service")
                    .relaxTime(Duration.ofHours(1))
                    .action(ActionType.RESTART_SERVICE, Integer.MAX_VALUE / 2)
                    .build());
        }
        engine.syncUnits(UnitCatalog.of(catalog));
        engine.start();
        loop.runPending();
    }

    /** Failure in, restart out, through the engine's loop. */
    @Benchmark
    public int failureToAction() {
        long n = failures++;
        engine.serviceFailed(new ServiceFailure(
                "svc" + (n % units) + ".service", "exit-code", OptionalInt.of(1), "f" + n, clock.instant()));
        return loop.runPending();
    }

    /** The store commit alone, for the ratio. */
    @Benchmark
    public int storeOnly() {
        long n = failures++;
        return store.countFailure("svc" + (n % units) + ".service", "f" + n, clock.instant())
                .rvector();
    }

    /** A service manager that accepts every job at once and records nothing. */
    private static final class QuietServiceManager implements ServiceManager {
        private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

        @Override
        public void watch(ServiceObserver observer) {}

        @Override
        public CompletionStage<Void> restart(String service) {
            return DONE;
        }

        @Override
        public CompletionStage<Void> start(String service) {
            return DONE;
        }

        @Override
        public CompletionStage<Void> stop(String service) {
            return DONE;
        }

        @Override
        public CompletionStage<Void> signal(String service, int signal) {
            return DONE;
        }

        @Override
        public CompletionStage<Void> disableForBoot(String service) {
            return DONE;
        }

        @Override
        public CompletionStage<ServiceStatus> status(String service) {
            return CompletableFuture.completedFuture(new ServiceStatus(service, "active", "running"));
        }
    }
}
