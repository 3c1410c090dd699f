package org.nslab.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine is pure Java: no JavaFX, no native code, no printing (only the CLI prints), no package cycles. */
class LayeringTest {
    private final JavaClasses engine = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.nslab.engine");

    @Test
    void engineNeverImportsJavaFxOrNativeCode() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.jna..")
                .check(engine);
    }

    @Test
    void engineNeverPrintsToStandardStreams() {
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .check(engine);
    }

    /** Each package can be read (and changed) knowing only the packages below it. */
    @Test
    void enginePackagesFormNoCycle() {
        slices().matching("org.nslab.engine.(*)..").should().beFreeOfCycles().check(engine);
    }
}
