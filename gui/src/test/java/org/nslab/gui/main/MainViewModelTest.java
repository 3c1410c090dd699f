package org.nslab.gui.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.gui.canvas.NodeKind;
import org.nslab.gui.document.Labs;

class MainViewModelTest {
    @TempDir
    Path dir;

    private MainViewModel fresh() {
        return new MainViewModel(Stores.json(), RecentFiles.inMemory());
    }

    @Test
    void saveAndReopenGiveTheSameDesign() throws Exception {
        MainViewModel vm = fresh();
        vm.document().load(Labs.routerLab(), null);
        vm.canvas().addNode(NodeKind.TUN, 900, 100);
        vm.canvas().connect("router", "blue");
        assertThat(vm.titleProperty().get()).startsWith("• Untitled");
        vm.saveAs(dir.resolve("router"));
        Path file = dir.resolve("router.nslab.json");
        assertThat(file).exists();
        assertThat(vm.document().isDirty()).isFalse();
        assertThat(vm.titleProperty().get()).startsWith("router.nslab.json");

        MainViewModel other = fresh();
        assertThat(other.open(file)).isEmpty();
        assertThat(other.document().topology()).isEqualTo(vm.document().topology());
        assertThat(other.recent().files()).containsExactly(file.toAbsolutePath().normalize());
        // Saving the reopened design writes the same bytes: the canonical form is stable.
        String first = Files.readString(file);
        other.save();
        assertThat(Files.readString(file)).isEqualTo(first);
    }

    @Test
    void anUnreadableFileLeavesTheDesignAlone() throws Exception {
        MainViewModel vm = fresh();
        vm.document().load(Labs.routerLab(), null);
        Path bad = dir.resolve("bad.nslab.json");
        Files.writeString(bad, "{ \"format\": \"nslab/9\" }");
        assertThat(vm.open(bad)).isNotEmpty();
        assertThat(vm.document().topology()).isEqualTo(Labs.routerLab());
    }

    @Test
    void unsavedChangesNeedConfirmation() throws Exception {
        MainViewModel vm = fresh();
        assertThat(vm.needsConfirmation()).isFalse();
        vm.canvas().addNode(NodeKind.NAMESPACE, 0, 0);
        assertThat(vm.needsConfirmation()).isTrue();
        vm.saveAs(dir.resolve("a.nslab.json"));
        assertThat(vm.needsConfirmation()).isFalse();
        assertThat(vm.save()).isTrue();
    }

    @Test
    void svgExportWritesAPicture() throws Exception {
        MainViewModel vm = fresh();
        vm.document().load(Labs.routerLab(), null);
        Path svg = dir.resolve("lab.svg");
        vm.exportSvg(svg);
        assertThat(Files.readString(svg)).startsWith("<svg").endsWith("</svg>\n");
    }

    @Test
    void recentFilesKeepTheNewestFirstWithoutDuplicates() {
        RecentFiles r = RecentFiles.inMemory();
        for (int i = 0; i < 12; i++) r.add(dir.resolve("f" + i));
        r.add(dir.resolve("f5"));
        assertThat(r.files()).hasSize(RecentFiles.LIMIT);
        assertThat(r.files().get(0)).isEqualTo(dir.resolve("f5").toAbsolutePath().normalize());
        assertThat(r.files()).doesNotHaveDuplicates();
    }

    @Test
    void theShellScriptIsWrittenExecutable() throws Exception {
        Path script = dir.resolve("lab.sh");
        ScriptExport.write(Labs.routerLab(), script);
        assertThat(Files.readString(script)).startsWith("#!").contains("router-lab-red");
        assertThat(Files.isExecutable(script)).isTrue();
    }

    @Test
    void anImportedLabIsShownAsANewUnsavedDesignAndAFailedOneChangesNothing() throws Exception {
        MainViewModel vm = fresh();
        vm.document().load(Labs.routerLab(), null);
        Path fixtures = Path.of("..", "engine", "src", "test", "resources", "interop");
        var r = vm.importFile(fixtures.resolve("campus.xml"));
        assertThat(r.ok()).isTrue();
        assertThat(vm.document().topology()).isEqualTo(r.design());
        assertThat(org.nslab.engine.io.TopologyJson.write(vm.document().topology()))
                .isEqualTo(Files.readString(fixtures.resolve("golden").resolve("campus.xml.nslab.json")));
        assertThat(vm.document().file()).isNull();
        assertThat(vm.document().isDirty()).isTrue();

        Path bad = dir.resolve("bad.clab.yml");
        Files.writeString(bad, "name: bad\ntopology: [\n");
        var failed = vm.importFile(bad);
        assertThat(failed.ok()).isFalse();
        assertThat(failed.errors().get(0).format()).startsWith(bad + ":");
        assertThat(vm.document().topology()).isEqualTo(r.design());
    }
}
