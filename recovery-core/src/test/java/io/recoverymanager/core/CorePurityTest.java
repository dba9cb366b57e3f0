package io.recoverymanager.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.recoverymanager.core.api.RecoveryEngineBuilder;
import io.recoverymanager.core.purityfixtures.CallsCompletableFutureAsync;
import io.recoverymanager.core.purityfixtures.ExitsTheVm;
import io.recoverymanager.core.purityfixtures.OpensASocket;
import io.recoverymanager.core.purityfixtures.PrintsToStdout;
import io.recoverymanager.core.purityfixtures.ReadsAFile;
import io.recoverymanager.core.purityfixtures.ReadsTheWallClock;
import io.recoverymanager.core.purityfixtures.ReadsWithNioFiles;
import io.recoverymanager.core.purityfixtures.SleepsWithTimeUnit;
import io.recoverymanager.core.purityfixtures.StartsAProcess;
import io.recoverymanager.core.purityfixtures.StartsAThread;
import io.recoverymanager.core.purityfixtures.UsesAnExecutorsPool;
import io.recoverymanager.core.purityfixtures.UsesJdbc;
import io.recoverymanager.core.purityfixtures.UsesScheduledExecutorService;
import io.recoverymanager.core.unit.UnitParser;
import java.io.Console;
import java.io.RandomAccessFile;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The core is pure: no file, stream, socket or database access, no processes, no threads, no
 * sleeping and no wall-clock reads (time comes from the injected clock, timers from the injected
 * event loop). The layering of the core's packages is checked by {@code CoreLayeringTest}.
 *
 * <p>Only the core's own production classes are checked (not Jackson's, not the tests). Each rule is
 * also run against a small test fixture that breaks it, so a rule that silently matches nothing
 * fails here.
 */
class CorePurityTest {
    private static final String CORE = "io.recoverymanager.core..";

    private static final JavaClasses CORE_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.recoverymanager.core");

    // ---- what the core must not touch

    private static final DescribedPredicate<JavaClass> FILE_AND_STREAM_IO = DescribedPredicate.describe(
            "java.io.File*, java.io.*Stream, RandomAccessFile or Console",
            c -> c.getPackageName().equals("java.io")
                    && (c.getSimpleName().startsWith("File")
                            || c.getSimpleName().endsWith("Stream")
                            || c.isEquivalentTo(RandomAccessFile.class)
                            || c.isEquivalentTo(Console.class)));

    private static final Set<Class<?>> THREAD_MACHINERY = Set.of(
            Thread.class,
            ThreadGroup.class,
            ThreadFactory.class,
            Executors.class,
            ExecutorService.class,
            ScheduledExecutorService.class,
            ThreadPoolExecutor.class,
            ForkJoinPool.class,
            Timer.class,
            TimerTask.class);

    private static final DescribedPredicate<JavaClass> THREADS = DescribedPredicate.describe(
            "Thread, ThreadGroup, ThreadFactory, Executors, ExecutorService, ScheduledExecutorService,"
                    + " ThreadPoolExecutor, ForkJoinPool, Timer or TimerTask (or subtypes)",
            c -> THREAD_MACHINERY.stream().anyMatch(c::isAssignableTo));

    private static final DescribedPredicate<JavaMethodCall> SLEEPING =
            DescribedPredicate.describe("Thread.sleep, TimeUnit.sleep, Object.wait or LockSupport.park*", call -> {
                JavaClass owner = call.getTarget().getOwner();
                String name = call.getTarget().getName();
                return (name.equals("sleep")
                                && (owner.isAssignableTo(Thread.class) || owner.isEquivalentTo(TimeUnit.class)))
                        || name.equals("wait")
                        || (owner.isEquivalentTo(LockSupport.class) && name.startsWith("park"));
            });

    private static final DescribedPredicate<JavaMethodCall> ASYNC_WITHOUT_EXECUTOR = DescribedPredicate.describe(
            "CompletableFuture.*Async without an Executor (runs on the common ForkJoinPool)", call -> {
                List<JavaClass> parameters = call.getTarget().getRawParameterTypes();
                return call.getTarget().getOwner().isAssignableTo(CompletableFuture.class)
                        && call.getTarget().getName().endsWith("Async")
                        && (parameters.isEmpty()
                                || !parameters.get(parameters.size() - 1).isAssignableTo(Executor.class));
            });

    private static final DescribedPredicate<JavaMethodCall> WALL_CLOCK = DescribedPredicate.describe(
            "System.currentTimeMillis/nanoTime, Clock.system*, or a java.time now() without a Clock", call -> {
                JavaClass owner = call.getTarget().getOwner();
                String name = call.getTarget().getName();
                return (owner.isEquivalentTo(System.class)
                                && (name.equals("currentTimeMillis") || name.equals("nanoTime")))
                        || (owner.isEquivalentTo(Clock.class) && name.startsWith("system"))
                        || (owner.getPackageName().equals("java.time")
                                && name.equals("now")
                                && call.getTarget().getRawParameterTypes().stream()
                                        .noneMatch(p -> p.isAssignableTo(Clock.class)));
            });

    private static final DescribedPredicate<JavaMethodCall> EXIT = DescribedPredicate.describe(
            "System.exit",
            call -> call.getTarget().getOwner().isEquivalentTo(System.class)
                    && call.getTarget().getName().equals("exit"));

    static final ArchRule NO_FILE_OR_STREAM_IO = noClasses()
            .that()
            .resideInAPackage(CORE)
            .should()
            .dependOnClassesThat(FILE_AND_STREAM_IO)
            .as("the core does no file or stream I/O");

    static final ArchRule NO_NIO_FILES_OR_CHANNELS = noClasses()
            .that()
            .resideInAPackage(CORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.nio.file..", "java.nio.channels..")
            .as("the core does not use java.nio.file or channels");

    static final ArchRule NO_NETWORK = noClasses()
            .that()
            .resideInAPackage(CORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.net..", "javax.net..")
            .as("the core does not use the network");

    static final ArchRule NO_JDBC = noClasses()
            .that()
            .resideInAPackage(CORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "javax.sql..")
            .as("the core does not use JDBC");

    static final ArchRule NO_PROCESSES = noClasses()
            .that()
            .resideInAPackage(CORE)
            .should()
            .dependOnClassesThat()
            .belongToAnyOf(ProcessBuilder.class, Process.class, ProcessHandle.class, Runtime.class)
            .as("the core starts no processes and does not control the runtime");

    static final ArchRule NO_THREADS = noClasses()
            .that()
            .resideInAPackage(CORE)
            .should()
            .dependOnClassesThat(THREADS)
            .orShould()
            .callMethodWhere(ASYNC_WITHOUT_EXECUTOR)
            .as("the core creates no threads or thread pools");

    static final ArchRule NO_SLEEPING = noClasses()
            .that()
            .resideInAPackage(CORE)
            .should()
            .callMethodWhere(SLEEPING)
            .as("the core never sleeps or blocks waiting for time");

    static final ArchRule NO_WALL_CLOCK = noClasses()
            .that()
            .resideInAPackage(CORE)
            .should()
            .callMethodWhere(WALL_CLOCK)
            .as("the core reads time only from the injected Clock");

    static final ArchRule NO_EXIT = noClasses()
            .that()
            .resideInAPackage(CORE)
            .should()
            .callMethodWhere(EXIT)
            .as("the core never exits the VM");

    static Stream<Arguments> rulesWithAFixtureBreakingThem() {
        return Stream.of(
                Arguments.of("file I/O", NO_FILE_OR_STREAM_IO, ReadsAFile.class),
                Arguments.of("stdout", NO_FILE_OR_STREAM_IO, PrintsToStdout.class),
                Arguments.of("nio files", NO_NIO_FILES_OR_CHANNELS, ReadsWithNioFiles.class),
                Arguments.of("socket", NO_NETWORK, OpensASocket.class),
                Arguments.of("jdbc", NO_JDBC, UsesJdbc.class),
                Arguments.of("process", NO_PROCESSES, StartsAProcess.class),
                Arguments.of("thread", NO_THREADS, StartsAThread.class),
                Arguments.of("executors", NO_THREADS, UsesAnExecutorsPool.class),
                Arguments.of("scheduled executor", NO_THREADS, UsesScheduledExecutorService.class),
                Arguments.of("async", NO_THREADS, CallsCompletableFutureAsync.class),
                Arguments.of("Thread.sleep", NO_SLEEPING, StartsAThread.class),
                Arguments.of("TimeUnit.sleep", NO_SLEEPING, SleepsWithTimeUnit.class),
                Arguments.of("wall clock", NO_WALL_CLOCK, ReadsTheWallClock.class),
                Arguments.of("exit", NO_EXIT, ExitsTheVm.class));
    }

    static Stream<ArchRule> allRules() {
        return Stream.of(
                NO_FILE_OR_STREAM_IO,
                NO_NIO_FILES_OR_CHANNELS,
                NO_NETWORK,
                NO_JDBC,
                NO_PROCESSES,
                NO_THREADS,
                NO_SLEEPING,
                NO_WALL_CLOCK,
                NO_EXIT);
    }

    @Test
    void importsTheProductionClassesOnly() {
        assertThat(CORE_CLASSES.contain(UnitParser.class)).isTrue();
        assertThat(CORE_CLASSES.contain(RecoveryEngineBuilder.class)).isTrue();
        assertThat(CORE_CLASSES.contain(CorePurityTest.class)).isFalse();
        assertThat(CORE_CLASSES.contain(ReadsAFile.class)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("allRules")
    void coreKeepsTheRule(ArchRule rule) {
        rule.check(CORE_CLASSES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rulesWithAFixtureBreakingThem")
    void ruleCatchesAViolation(String what, ArchRule rule, Class<?> fixture) {
        EvaluationResult result = rule.evaluate(new ClassFileImporter().importClasses(fixture));
        assertThat(result.hasViolation())
                .as("%s should break '%s'", fixture.getSimpleName(), rule.getDescription())
                .isTrue();
    }

    @Test
    void unitParserIsCleanEvenThoughJacksonUsesReadersInside() {
        JavaClasses parserOnly = new ClassFileImporter().importClasses(UnitParser.class);
        assertThat(NO_FILE_OR_STREAM_IO.evaluate(parserOnly).hasViolation()).isFalse();
    }
}
