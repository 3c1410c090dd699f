package org.nslab.gui.canvas.view;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.gui.canvas.CanvasViewModel;

/** Edits the interface names and addresses of a veth pair (double-click on a link). */
final class VethDialog {
    private VethDialog() {}

    static void edit(Node owner, CanvasViewModel vm, int index) {
        Veth v = vm.document().topology().veths().get(index);
        TextField aName = new TextField(v.a().name());
        TextField aAddr = new TextField(String.join(", ", v.a().addresses()));
        TextField bName = new TextField(v.b().name());
        TextField bAddr = new TextField(String.join(", ", v.b().addresses()));
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label(""), new Label(where(v.a())), new Label(where(v.b())));
        grid.addRow(1, new Label("Interface"), aName, bName);
        grid.addRow(2, new Label("Addresses"), aAddr, bAddr);
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("Veth pair");
        dialog.setHeaderText("Interface names and addresses (CIDR, comma-separated)");
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        if (owner.getScene() != null) dialog.initOwner(owner.getScene().getWindow());
        dialog.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> vm.editVeth(index,
                new Veth(with(v.a(), aName.getText(), aAddr.getText()), with(v.b(), bName.getText(), bAddr.getText()))));
    }

    private static String where(VethEnd e) {
        return e.bridge() != null ? "port of " + e.bridge() : "in " + e.namespace();
    }

    private static VethEnd with(VethEnd e, String name, String addresses) {
        List<String> list = new ArrayList<>();
        for (String a : addresses.split(",")) if (!a.isBlank()) list.add(a.strip());
        return new VethEnd(e.namespace(), e.bridge(), name.strip(), list, e.mac(), e.mtu(), e.up(), e.netem());
    }
}
