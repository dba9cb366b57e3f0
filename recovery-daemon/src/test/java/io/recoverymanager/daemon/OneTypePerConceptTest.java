package io.recoverymanager.daemon;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 4: one type per concept, owned by the module whose concern it is. The daemon's
 * configuration parses into the adapters' own types (the command template of dispatch, its run
 * mode, systemd's bus address), finds positions with the core's TOML index, and D-Bus code lives in
 * the systemd module, not in the daemon.
 */
class OneTypePerConceptTest {
    private static final JavaClasses MODULES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.recoverymanager");

    @Test
    void noTwoModulesDeclareATypeOfTheSameName() {
        Map<String, List<String>> byName = MODULES.stream()
                .filter(JavaClass::isTopLevelClass)
                .filter(c -> !c.getSimpleName().equals("package-info"))
                .collect(Collectors.groupingBy(
                        JavaClass::getSimpleName,
                        TreeMap::new,
                        Collectors.mapping(JavaClass::getName, Collectors.toList())));
        byName.values().removeIf(names -> names.size() < 2);
        assertThat(byName).as("types declared twice").isEmpty();
    }

    @Test
    void theConfigurationParsesIntoTheAdaptersTypes() {
        classes()
                .that()
                .haveFullyQualifiedName("io.recoverymanager.daemon.config.DaemonConfig")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.recoverymanager.dispatch.RunMode")
                .andShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.recoverymanager.systemd.BusAddress")
                .check(MODULES);
        classes()
                .that()
                .haveFullyQualifiedName("io.recoverymanager.daemon.config.DaemonConfig$Commands")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.recoverymanager.dispatch.exec.CommandTemplate")
                .check(MODULES);
    }

    @Test
    void theConfigurationFindsKeyLinesWithTheCoresTomlIndex() {
        classes()
                .that()
                .haveFullyQualifiedName("io.recoverymanager.daemon.config.ConfigLoader")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.recoverymanager.core.unit.TomlLineIndex")
                .check(MODULES);
    }

    @Test
    void theDaemonHasNoDBusCode() {
        noClasses()
                .that()
                .resideInAPackage("io.recoverymanager.daemon..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.freedesktop.dbus..")
                .check(MODULES);
    }

    @Test
    void theDaemonHasOneJsonMapper() {
        noClasses()
                .that()
                .resideInAPackage("io.recoverymanager.daemon..")
                .and()
                .doNotHaveFullyQualifiedName("io.recoverymanager.daemon.view.Json")
                .should()
                .callConstructor(com.fasterxml.jackson.databind.ObjectMapper.class)
                .check(MODULES);
    }
}
