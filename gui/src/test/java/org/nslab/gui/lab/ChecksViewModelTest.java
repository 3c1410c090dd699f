package org.nslab.gui.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Check;
import org.nslab.gui.document.DesignDocument;
import org.nslab.gui.document.Labs;

class ChecksViewModelTest {
    private final ScriptedLab kernel = new ScriptedLab();
    private final DesignDocument doc = new DesignDocument(Labs.routerLab());
    private final Executor direct = Runnable::run;
    private final LabViewModel lab = new LabViewModel(kernel, direct, direct);
    private final ChecksViewModel vm = lab.checks(doc);

    @Test
    void listsTheDesignsChecksAndRunsThemThroughThePort() {
        assertThat(vm.rows()).extracting(r -> r.check().from() + ">" + r.check().to(), ChecksViewModel.Row::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("red>10.0.2.2", ""));

        vm.run(500);
        assertThat(kernel.calls).containsExactly("check router-lab within 500 ms");
        assertThat(vm.rows()).extracting(ChecksViewModel.Row::outcome).containsExactly("pass: reach");
        assertThat(vm.stepProperty().get()).isEqualTo("1 of 1 checks pass");

        kernel.reaches = c -> false;
        vm.run(500);
        assertThat(vm.rows()).extracting(ChecksViewModel.Row::outcome).containsExactly("fail: blocked");
    }

    @Test
    void addRemoveAndEditAreUndoableEditsAndAnEditedCheckLosesItsResult() {
        vm.run(500);
        vm.add();
        assertThat(doc.topology().checks()).hasSize(2);
        assertThat(doc.topology().checks().get(1)).isEqualTo(new Check("blue", "10.0.1.2", null, null, Check.REACH));
        assertThat(vm.rows()).extracting(ChecksViewModel.Row::outcome).containsExactly("pass: reach", "");

        vm.set(0, new Check("red", "10.0.2.2", "tcp", 22, Check.BLOCKED));
        assertThat(vm.rows().get(0).result()).isNull();
        vm.remove(1);
        assertThat(doc.topology().checks()).containsExactly(new Check("red", "10.0.2.2", "tcp", 22, Check.BLOCKED));

        doc.undo();
        doc.undo();
        doc.undo();
        assertThat(doc.topology().checks()).containsExactly(new Check("red", "10.0.2.2", null, null, Check.REACH));
        assertThat(vm.rows()).extracting(ChecksViewModel.Row::outcome).containsExactly("pass: reach");
    }

    @Test
    void anApplyOrTeardownOfTheLabClearsResultsTakenBefore() {
        vm.run(500);
        assertThat(vm.rows()).extracting(ChecksViewModel.Row::outcome).containsExactly("pass: reach");

        lab.teardown(doc.topology());
        assertThat(vm.rows()).extracting(ChecksViewModel.Row::outcome).containsExactly("");
        assertThat(vm.stepProperty().get()).isEqualTo("The lab changed since the checks ran: run them again");

        vm.run(500);
        lab.apply(doc.topology());
        assertThat(vm.rows()).extracting(ChecksViewModel.Row::outcome).containsExactly("");

        lab.status(doc.topology());
        vm.run(500);
        lab.status(doc.topology());
        assertThat(vm.rows()).extracting(ChecksViewModel.Row::outcome).as("a status changes nothing").containsExactly("pass: reach");
    }
}
