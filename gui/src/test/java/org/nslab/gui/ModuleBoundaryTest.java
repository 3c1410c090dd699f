package org.nslab.gui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The designer runs unprivileged and reaches the kernel only through the engine's lab port: it never links the
 * helper module (JNA, the daemon, the applier) or the command line. Its packages depend on each other in one
 * direction only.
 */
class ModuleBoundaryTest {
    private static final JavaClasses DESIGNER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.nslab.gui");

    @Test
    void theDesignerNeverImportsTheHelperOrTheCommandLine() {
        noClasses().that().resideInAPackage("org.nslab.gui..")
                .should().dependOnClassesThat().resideInAnyPackage("org.nslab.helper..", "org.nslab.cli..", "com.sun.jna..", "picocli..")
                .check(DESIGNER);
    }

    @Test
    void theDesignersPackagesHaveNoCycles() {
        slices().matching("org.nslab.gui.(**)").should().beFreeOfCycles().check(DESIGNER);
    }
}
