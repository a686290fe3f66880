package dev.payledger.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

class ArchitectureTest {
    /** Core's own compiled classes only: scanning the whole test classpath for the package is slow. */
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importLocations(java.util.Set.of(com.tngtech.archunit.core.importer.Location.of(
                    PayLedger.class.getProtectionDomain().getCodeSource().getLocation())));

    @Test
    void core_depends_only_on_the_jdk_and_itself() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", "dev.payledger.core..")
                .check(CORE);
    }

    @Test
    void core_packages_have_no_cycles() {
        slices().matching("dev.payledger.core.(*)..").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void the_domain_does_not_depend_on_the_in_memory_adapters() {
        noClasses().that().resideOutsideOfPackages("dev.payledger.core.inmemory..")
                .and().doNotHaveFullyQualifiedName(PayLedger.class.getName())
                .should().dependOnClassesThat().resideInAPackage("dev.payledger.core.inmemory..")
                .check(CORE);
    }

    @Test
    void in_memory_adapters_are_hidden_behind_their_factory() {
        classes().that().resideInAPackage("dev.payledger.core.inmemory..")
                .and().haveSimpleNameStartingWith("InMemory")
                .and().doNotHaveSimpleName("InMemoryPersistence").and().doNotHaveSimpleName("InMemoryTransactions")
                .and().doNotHaveSimpleName("InMemoryDeliveryCursors")
                .should().notBePublic().check(CORE);
    }

    @Test
    void use_cases_are_final_and_hold_no_mutable_state() {
        classes().that().resideInAnyPackage("dev.payledger.core.payment", "dev.payledger.core.wallet",
                        "dev.payledger.core.feature", "dev.payledger.core.order", "dev.payledger.core.idempotency",
                        "dev.payledger.core.ledger")
                .and().arePublic().and().areNotInterfaces().and().areNotRecords().and().areNotEnums()
                .and().areTopLevelClasses().and().areNotAssignableTo(RuntimeException.class)
                .should().haveModifier(JavaModifier.FINAL)
                .andShould().haveOnlyFinalFields()
                .check(CORE);
    }

    @Test
    void helpers_of_use_cases_are_package_private() {
        classes().that().haveSimpleName("Refunding").or().haveSimpleName("Events").or().haveSimpleName("PaymentLocator")
                .should().notBePublic().check(CORE);
    }
}
