package org.nslab.gui.panels;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The panels' view models stay free of the scene graph, so plain JUnit tests them. */
class PanelsLayeringTest {
    static final JavaClasses PANELS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.nslab.gui.inspector", "org.nslab.gui.firewall", "org.nslab.gui.problems");

    @Test
    void viewModelsDoNotUseTheSceneGraph() {
        noClasses().that().haveNameNotMatching(".*\\.(\\w+View|FieldControls|HookDiagram)(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "org.controlsfx..", "atlantafx..", "org.kordamp..")
                .check(PANELS);
    }

    @Test
    void viewModelsDoNotPrint() {
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err").check(PANELS);
    }
}
