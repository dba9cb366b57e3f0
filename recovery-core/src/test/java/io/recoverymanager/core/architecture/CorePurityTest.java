package io.recoverymanager.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The core is pure: no file, network or database access, no processes, no threads of its own and
 * no sleeping. Time and scheduling come through ports. Breaking a rule fails the build.
 */
class CorePurityTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.recoverymanager.core");

    private static void check(ArchRule rule) {
        rule.check(CORE);
    }

    @Test
    void noFileOrStreamIo() {
        check(noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.nio.file..", "java.nio.channels..")
                .orShould()
                .dependOnClassesThat()
                .haveNameMatching("java\\.io\\.(File|RandomAccessFile|.*Stream|.*Reader|.*Writer).*")
                .because("the core has no I/O: adapters read files"));
    }

    @Test
    void noNetworkOrDatabase() {
        check(noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.net..", "java.sql..", "javax.sql..")
                .because("sockets and databases belong to adapters"));
    }

    @Test
    void noProcessesThreadsOrSleeping() {
        check(noClasses()
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName(ProcessBuilder.class.getName())
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName(Process.class.getName())
                .orShould()
                .callConstructor(Thread.class)
                .orShould()
                .callConstructor(Thread.class, Runnable.class)
                .orShould()
                .callMethod(Thread.class, "sleep", long.class)
                .orShould()
                .dependOnClassesThat()
                .haveNameMatching("java\\.util\\.concurrent\\.(Executors|ScheduledExecutorService|ThreadPoolExecutor"
                        + "|ScheduledThreadPoolExecutor|ForkJoinPool|Timer).*")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName(java.util.Timer.class.getName())
                .because("the engine runs on an injected event loop and has no thread of its own"));
    }

    @Test
    void noWallClockReads() {
        check(noClasses()
                .should()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(System.class, "nanoTime")
                .orShould()
                .callMethod(java.time.Instant.class, "now")
                .because("time comes from the injected clock"));
    }

    @Test
    void publicPackagesDoNotReachIntoInternal() {
        check(noClasses()
                .that()
                .resideInAnyPackage(
                        "io.recoverymanager.core.spi..",
                        "io.recoverymanager.core.event..",
                        "io.recoverymanager.core.unit..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.recoverymanager.core.internal.."));
        check(noClasses()
                .that()
                .resideInAPackage("io.recoverymanager.core.api..")
                .and()
                .doNotHaveSimpleName("RecoveryEngineBuilder")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.recoverymanager.core.internal.."));
    }
}
