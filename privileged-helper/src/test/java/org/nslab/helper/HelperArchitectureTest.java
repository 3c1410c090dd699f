package org.nslab.helper;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The helper module's layers: its packages depend on each other in one direction only, and only the command
 * line ({@code org.nslab.cli}) prints; everything below it returns results, reports through listeners, or logs.
 */
class HelperArchitectureTest {
    private static final JavaClasses HELPER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.nslab.helper", "org.nslab.cli");

    @Test
    void theHelpersPackagesHaveNoCycles() {
        slices().matching("org.nslab.(**)").should().beFreeOfCycles().check(HELPER);
    }

    @Test
    void onlyTheCommandLinePrints() {
        noClasses().that().resideOutsideOfPackage("org.nslab.cli..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.PrintWriter")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.PrintStream")
                .orShould().dependOnClassesThat().resideInAPackage("picocli..")
                .because("only the verbs of org.nslab.cli print, through the command line's streams")
                .check(HELPER);
    }
}
