package org.nslab.gui.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Position;
import org.nslab.engine.model.Topology;

class DesignDocumentTest {

    private static Edit addNs(String id) {
        return new Edit.SetNamespace(id, null, Namespace.empty());
    }

    @Test
    void applyUndoRedoWalkTheStates() {
        DesignDocument doc = DesignDocument.untitled();
        Topology empty = doc.topology();
        doc.apply(addNs("red"));
        Topology one = doc.topology();
        doc.apply(addNs("blue"));
        assertThat(doc.topology().namespaces()).containsOnlyKeys("red", "blue");

        doc.undo();
        assertThat(doc.topology()).isEqualTo(one);
        doc.undo();
        assertThat(doc.topology()).isEqualTo(empty);
        assertThat(doc.canUndoProperty().get()).isFalse();
        assertThat(doc.canRedoProperty().get()).isTrue();
        doc.redo();
        doc.redo();
        assertThat(doc.topology().namespaces()).containsOnlyKeys("red", "blue");
        assertThat(doc.canRedoProperty().get()).isFalse();
    }

    @Test
    void aNewEditClearsTheRedoStack() {
        DesignDocument doc = DesignDocument.untitled();
        doc.apply(addNs("red"));
        doc.undo();
        doc.apply(addNs("blue"));
        assertThat(doc.canRedoProperty().get()).isFalse();
        assertThat(doc.topology().namespaces()).containsOnlyKeys("blue");
    }

    @Test
    void dirtyFollowsTheSavedStateThroughUndoAndRedo() {
        DesignDocument doc = DesignDocument.untitled();
        assertThat(doc.isDirty()).isFalse();
        doc.apply(addNs("red"));
        assertThat(doc.isDirty()).isTrue();
        doc.markSaved(Path.of("lab.nslab.json"));
        assertThat(doc.isDirty()).isFalse();
        assertThat(doc.file()).isEqualTo(Path.of("lab.nslab.json"));
        doc.undo();
        assertThat(doc.isDirty()).isTrue();
        doc.redo();
        assertThat(doc.isDirty()).isFalse();
        doc.apply(addNs("blue"));
        doc.undo();
        assertThat(doc.isDirty()).isFalse();
    }

    @Test
    void revisionCountsEveryChange() {
        DesignDocument doc = DesignDocument.untitled();
        long start = doc.revisionProperty().get();
        doc.apply(addNs("red"));
        doc.undo();
        doc.redo();
        assertThat(doc.revisionProperty().get()).isEqualTo(start + 3);
    }

    @Test
    void undoStackIsCapped() {
        DesignDocument doc = new DesignDocument(Topology.empty("lab"), 3);
        for (int i = 0; i < 5; i++) doc.apply(addNs("n" + i));
        assertThat(doc.undoDepth()).isEqualTo(3);
        doc.undo();
        doc.undo();
        doc.undo();
        doc.undo();
        assertThat(doc.topology().namespaces()).containsOnlyKeys("n0", "n1");
        assertThat(doc.isDirty()).isTrue();
    }

    @Test
    void emptyEditsAreNotRecorded() {
        DesignDocument doc = DesignDocument.untitled();
        assertThat(doc.apply(new Edit.Compound("nothing", List.of()))).isFalse();
        assertThat(doc.canUndoProperty().get()).isFalse();
        assertThat(doc.isDirty()).isFalse();
    }

    @Test
    void mergingEditsOfOneElementUndoAsOneStep() {
        DesignDocument doc = DesignDocument.untitled();
        doc.apply(addNs("red"));
        Namespace a = Namespace.empty().withKernelName("r");
        Namespace b = Namespace.empty().withKernelName("re");
        doc.applyMerging(new Edit.SetNamespace("red", Namespace.empty(), a));
        doc.applyMerging(new Edit.SetNamespace("red", a, b));
        assertThat(doc.undoDepth()).isEqualTo(2);
        assertThat(doc.undoLabelProperty().get()).isEqualTo("Change namespace red");
        doc.undo();
        assertThat(doc.topology().namespaces().get("red")).isEqualTo(Namespace.empty());
    }

    @Test
    void noMergingAcrossASave() {
        DesignDocument doc = DesignDocument.untitled();
        doc.apply(addNs("red"));
        Namespace a = Namespace.empty().withKernelName("r");
        doc.applyMerging(new Edit.SetNamespace("red", Namespace.empty(), a));
        doc.markSaved(Path.of("x.nslab.json"));
        doc.applyMerging(new Edit.SetNamespace("red", a, Namespace.empty().withKernelName("re")));
        assertThat(doc.undoDepth()).isEqualTo(3);
        doc.undo();
        assertThat(doc.isDirty()).isFalse();
    }

    @Test
    void aStaleEditIsRefusedAndChangesNothing() {
        DesignDocument doc = new DesignDocument(Labs.routerLab());
        Topology before = doc.topology();
        assertThatThrownBy(() -> doc.apply(addNs("red"))).isInstanceOf(Edit.StaleEditException.class);
        assertThat(doc.topology()).isSameAs(before);
        assertThat(doc.canUndoProperty().get()).isFalse();
    }

    @Test
    void loadClearsHistoryAndCountsAsSaved() {
        DesignDocument doc = DesignDocument.untitled();
        doc.apply(addNs("red"));
        doc.load(Labs.routerLab(), Path.of("router.nslab.json"));
        assertThat(doc.isDirty()).isFalse();
        assertThat(doc.canUndoProperty().get()).isFalse();
        assertThat(doc.topology()).isEqualTo(Labs.routerLab());
    }

    @Test
    void moveEditsSetAndRestorePositions() {
        DesignDocument doc = new DesignDocument(Labs.routerLab());
        doc.apply(new Edit.MoveNodes(Map.of("red", new Position(100, 100)), Map.of("red", new Position(5, 6))));
        assertThat(doc.topology().layout().get("red")).isEqualTo(new Position(5, 6));
        assertThat(doc.undoLabelProperty().get()).isEqualTo("Move red");
        doc.undo();
        assertThat(doc.topology().layout().get("red")).isEqualTo(new Position(100, 100));
    }
}
