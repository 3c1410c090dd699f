package org.nslab.gui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** View models and the document never touch the scene graph; the engine never touches JavaFX. */
class LayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.nslab.gui", "org.nslab.engine");

    @Test
    void documentAndViewModelsDoNotUseTheSceneGraph() {
        noClasses().that().resideInAnyPackage("org.nslab.gui.document..", "org.nslab.gui.canvas", "org.nslab.gui.lab")
                .or().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .check(CLASSES);
    }

    @Test
    void engineDoesNotUseJavaFx() {
        noClasses().that().resideInAPackage("org.nslab.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(CLASSES);
    }
}
