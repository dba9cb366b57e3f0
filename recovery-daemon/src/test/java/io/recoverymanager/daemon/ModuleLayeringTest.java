package io.recoverymanager.daemon;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: the layering of every module, checked on the compiled classes of all of them (the
 * daemon's test classpath holds every production module). The core depends on nothing of ours;
 * the runtime on the core; the adapters (SQLite store, systemd, dispatch) on the core only; the
 * testbed on the core; nothing on the daemon; and no module has a cycle between its packages.
 */
class ModuleLayeringTest {
    private static final String CORE = "io.recoverymanager.core..";
    private static final String RUNTIME = "io.recoverymanager.runtime..";
    private static final String STORE = "io.recoverymanager.store.sqlite..";
    private static final String SYSTEMD = "io.recoverymanager.systemd..";
    private static final String DISPATCH = "io.recoverymanager.dispatch..";
    private static final String TESTBED = "io.recoverymanager.testkit..";
    private static final String MIGRATE = "io.recoverymanager.migrate..";
    private static final String DAEMON = "io.recoverymanager.daemon..";

    /** The production classes of every module on the daemon's test classpath (not test classes). */
    private static final JavaClasses MODULES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.recoverymanager");

    @Test
    void theCoreDependsOnNothingOfOurs() {
        noClasses()
                .that()
                .resideInAPackage(CORE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(RUNTIME, STORE, SYSTEMD, DISPATCH, TESTBED, MIGRATE, DAEMON)
                .check(MODULES);
    }

    @Test
    void theRuntimeDependsOnTheCoreOnly() {
        noClasses()
                .that()
                .resideInAPackage(RUNTIME)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(STORE, SYSTEMD, DISPATCH, TESTBED, MIGRATE, DAEMON)
                .check(MODULES);
    }

    @Test
    void adaptersDependOnTheCoreOnly() {
        noClasses()
                .that()
                .resideInAPackage(STORE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(RUNTIME, SYSTEMD, DISPATCH, TESTBED, MIGRATE, DAEMON)
                .check(MODULES);
        noClasses()
                .that()
                .resideInAPackage(SYSTEMD)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(RUNTIME, STORE, DISPATCH, TESTBED, MIGRATE, DAEMON)
                .check(MODULES);
        noClasses()
                .that()
                .resideInAPackage(DISPATCH)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(RUNTIME, STORE, SYSTEMD, TESTBED, MIGRATE, DAEMON)
                .check(MODULES);
    }

    @Test
    void theMigrationToolDependsOnTheCoreOnly() {
        noClasses()
                .that()
                .resideInAPackage(MIGRATE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(RUNTIME, STORE, SYSTEMD, DISPATCH, TESTBED, DAEMON)
                .check(MODULES);
    }

    @Test
    void theTestbedDependsOnTheCoreOnly() {
        noClasses()
                .that()
                .resideInAPackage(TESTBED)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(RUNTIME, STORE, SYSTEMD, DISPATCH, MIGRATE, DAEMON)
                .check(MODULES);
    }

    @Test
    void nothingDependsOnTheDaemon() {
        classes()
                .that()
                .resideInAPackage(DAEMON)
                .should()
                .onlyHaveDependentClassesThat()
                .resideInAPackage(DAEMON)
                .check(MODULES);
    }

    @Test
    void theCommandLineKnowsItsLauncherNotTheDaemon() {
        // cli reaches the daemon only through DaemonLauncher and StoreOpener (ServiceLoader);
        // config, control and view are what it shares with the daemon
        noClasses()
                .that()
                .resideInAPackage("io.recoverymanager.daemon.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.recoverymanager.daemon",
                        "io.recoverymanager.daemon.launch..",
                        "io.recoverymanager.daemon.wiring..",
                        "io.recoverymanager.daemon.runtime..",
                        "io.recoverymanager.daemon.logging..",
                        "io.recoverymanager.daemon.demo..")
                .check(MODULES);
    }

    @Test
    void noModuleHasAPackageCycle() {
        for (String module : new String[] {
            "io.recoverymanager.runtime",
            "io.recoverymanager.store.sqlite",
            "io.recoverymanager.systemd",
            "io.recoverymanager.dispatch",
            "io.recoverymanager.testkit",
            "io.recoverymanager.migrate",
            "io.recoverymanager.daemon",
        }) {
            slices().assignedFrom(packagesOf(module)).should().beFreeOfCycles().check(MODULES);
        }
    }

    @Test
    void theCoresPublishedPackagesHaveNoCycle() {
        // The API with the engine package-private in it, ports (spi), values (model), events, units
        // and the store decorator (every package of the core: see also core's CoreLayeringTest).
        java.util.Set<String> published = java.util.Set.of(
                "io.recoverymanager.core.api",
                "io.recoverymanager.core.spi",
                "io.recoverymanager.core.model",
                "io.recoverymanager.core.event",
                "io.recoverymanager.core.unit",
                "io.recoverymanager.core.store");
        slices().assignedFrom(new SliceAssignment() {
                    @Override
                    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                        return published.contains(javaClass.getPackageName())
                                ? SliceIdentifier.of(javaClass.getPackageName())
                                : SliceIdentifier.ignore();
                    }

                    @Override
                    public String getDescription() {
                        return "the core's published packages";
                    }
                })
                .should()
                .beFreeOfCycles()
                .check(MODULES);
    }

    /** Every package of a module (its root package included) as its own slice. */
    private static SliceAssignment packagesOf(String root) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                return name.equals(root) || name.startsWith(root + ".")
                        ? SliceIdentifier.of(name)
                        : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the packages of " + root;
            }
        };
    }
}
