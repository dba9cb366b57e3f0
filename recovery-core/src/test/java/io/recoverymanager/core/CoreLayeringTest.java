package io.recoverymanager.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.recoverymanager.core.api.RecoveryEngine;
import io.recoverymanager.core.layeringfixtures.a.PointsAtB;
import io.recoverymanager.core.layeringfixtures.b.PointsBackAtA;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 3: the core's packages form no cycle (the engine and its settings live
 * package-private next to the builder in {@code api}, so nothing of the core depends on a package
 * that depends back on it), the engine's implementation is not public, and a package named {@code
 * internal}, should one appear again, is used only by the engine's API.
 */
class CoreLayeringTest {
    private static final JavaClasses CORE_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.recoverymanager.core");

    /** Every package below io.recoverymanager.core is its own slice. */
    static final ArchRule NO_PACKAGE_CYCLE = slices().matching("io.recoverymanager.core.(**)")
            .should()
            .beFreeOfCycles()
            .as("no package of the core is in a cycle");

    static final ArchRule INTERNAL_ONLY_FOR_THE_API = noClasses()
            .that()
            .resideOutsideOfPackages("io.recoverymanager.core.api..", "io.recoverymanager.core.api..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.recoverymanager.core.api..")
            .as("only the engine's API uses internal");

    static final ArchRule ENGINE_NOT_PUBLIC = noClasses()
            .that()
            .implement(RecoveryEngine.class)
            .or()
            .haveSimpleName("EngineSettings")
            .should()
            .bePublic()
            .as("the engine and its settings are reached through RecoveryEngineBuilder only");

    @Test
    void noPackageOfTheCoreIsInACycle() {
        NO_PACKAGE_CYCLE.check(CORE_CLASSES);
    }

    @Test
    void theCycleRuleCatchesACycle() {
        assertThat(NO_PACKAGE_CYCLE
                        .evaluate(new ClassFileImporter().importClasses(PointsAtB.class, PointsBackAtA.class))
                        .hasViolation())
                .isTrue();
    }

    @Test
    void onlyTheApiUsesInternal() {
        INTERNAL_ONLY_FOR_THE_API.check(CORE_CLASSES);
    }

    @Test
    void theEngineAndItsSettingsAreNotPublic() {
        ENGINE_NOT_PUBLIC.check(CORE_CLASSES);
    }
}
