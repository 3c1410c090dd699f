package org.nslab.gui.canvas.view;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import org.nslab.engine.model.Netem;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.problem.JsonPointer;
import org.nslab.engine.problem.Problem;
import org.nslab.engine.validate.Validator;
import org.nslab.gui.canvas.CanvasViewModel;
import org.nslab.gui.document.NetemField;

/**
 * Edits a veth pair (double-click on a link): interface names and addresses, and the impairments of what leaves
 * each end, with "Both directions" giving end b the values of end a. Every keystroke re-validates the would-be
 * design with the engine's validator: a field with a problem says it under the grid, and OK waits until none has.
 */
final class VethDialog {
    private VethDialog() {}

    /** The dialog's fields for one end. */
    private record EndFields(TextField name, TextField addresses, Map<NetemField, TextField> netem) {}

    static void edit(Node owner, CanvasViewModel vm, int index) {
        Topology design = vm.document().topology();
        Veth v = design.veths().get(index);
        EndFields a = fields(v.a(), "a");
        EndFields b = fields(v.b(), "b");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.addRow(0, new Label(""), new Label(where(v.a())), new Label(where(v.b())));
        grid.addRow(1, new Label("Interface"), a.name(), b.name());
        grid.addRow(2, new Label("Addresses"), a.addresses(), b.addresses());
        Label impairments = new Label("Impairments of what leaves each end (empty: none)");
        impairments.getStyleClass().add("dialog-section");
        grid.add(impairments, 0, 3, 3, 1);
        int row = 4;
        for (NetemField f : NetemField.values()) grid.addRow(row++, new Label(f.label()), a.netem().get(f), b.netem().get(f));
        CheckBox both = new CheckBox("Both directions (end b as end a)");
        both.setId("netem-both");
        both.setSelected(v.a().netem() != null && v.a().netem().equals(v.b().netem()));
        grid.add(both, 1, row++, 2, 1);
        Label problems = new Label();
        problems.setId("veth-problems");
        problems.getStyleClass().add("field-problem");
        problems.setWrapText(true);
        problems.setMaxWidth(520);
        grid.add(problems, 0, row, 3, 1);

        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("Veth pair");
        dialog.setHeaderText("Interface names and addresses (CIDR, comma-separated); impairments are optional");
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Node ok = dialog.getDialogPane().lookupButton(ButtonType.OK);

        Runnable check = () -> {
            List<String> messages = new ArrayList<>();
            Veth edited = edited(v, a, b, both.isSelected(), messages);
            mark(a, b, List.of());
            if (edited != null) {
                String at = JsonPointer.child(JsonPointer.child("", "veths"), index);
                List<Problem> found = Validator.validate(replaced(design, index, edited)).stream()
                        .filter(p -> p.pointer().equals(at) || p.pointer().startsWith(at + "/")).toList();
                found.forEach(p -> messages.add((p.pointer().equals(at) ? "" : p.pointer().substring(at.length()) + ": ") + p.message()));
                mark(a, b, found.stream().map(Problem::pointer).map(p -> p.substring(at.length())).toList());
            }
            problems.setText(String.join("\n", messages));
            ok.setDisable(!messages.isEmpty());
        };
        both.selectedProperty().addListener((o, was, now) -> {
            mirror(now, a, b);
            check.run();
        });
        mirror(both.isSelected(), a, b);
        for (EndFields e : List.of(a, b)) {
            e.name().textProperty().addListener(o -> check.run());
            e.addresses().textProperty().addListener(o -> check.run());
            e.netem().values().forEach(t -> t.textProperty().addListener(o -> check.run()));
        }
        check.run();
        if (owner.getScene() != null) dialog.initOwner(owner.getScene().getWindow());
        dialog.showAndWait().filter(r -> r == ButtonType.OK).ifPresent(r -> {
            Veth edited = edited(v, a, b, both.isSelected(), new ArrayList<>());
            if (edited != null) vm.editVeth(index, edited);
        });
    }

    private static EndFields fields(VethEnd e, String side) {
        TextField name = new TextField(e.name());
        name.setId("veth-" + side + "-name");
        TextField addresses = new TextField(String.join(", ", e.addresses()));
        addresses.setId("veth-" + side + "-addresses");
        Map<NetemField, TextField> netem = new EnumMap<>(NetemField.class);
        for (NetemField f : NetemField.values()) {
            TextField t = new TextField(f.read(e.netem()));
            t.setId("netem-" + side + "-" + f.key());
            t.setPrefColumnCount(8);
            netem.put(f, t);
        }
        return new EndFields(name, addresses, netem);
    }

    /** With both directions, end b shows end a's values and cannot be edited apart. */
    private static void mirror(boolean on, EndFields a, EndFields b) {
        for (NetemField f : NetemField.values()) {
            TextField bf = b.netem().get(f);
            if (on) bf.textProperty().bind(a.netem().get(f).textProperty());
            else bf.textProperty().unbind();
            bf.setDisable(on);
        }
    }

    /** Red borders on the fields whose pointers (relative to the veth, "/a/netem/delayMs") have a problem. */
    private static void mark(EndFields a, EndFields b, List<String> pointers) {
        for (String side : List.of("a", "b")) {
            EndFields e = side.equals("a") ? a : b;
            style(e.name(), pointers.contains("/" + side + "/name"));
            style(e.addresses(), pointers.stream().anyMatch(p -> p.startsWith("/" + side + "/addresses")));
            e.netem().forEach((f, t) -> style(t, pointers.contains("/" + side + "/netem/" + f.key())
                    || pointers.contains("/" + side + "/netem")));
        }
    }

    private static void style(TextField t, boolean bad) {
        t.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("problem"), bad);
        t.setStyle(bad ? "-fx-border-color: -color-danger-emphasis" : "");
    }

    /** The veth as the fields say, or null with the reasons in {@code messages} when a field is not a number. */
    private static Veth edited(Veth v, EndFields a, EndFields b, boolean both, List<String> messages) {
        VethEnd ea = end(v.a(), a, a, "a", messages);
        VethEnd eb = end(v.b(), b, both ? a : b, "b", messages);
        return ea == null || eb == null ? null : v.withEnds(ea, eb);
    }

    private static VethEnd end(VethEnd e, EndFields own, EndFields impairments, String side, List<String> messages) {
        List<String> list = new ArrayList<>();
        for (String address : own.addresses().getText().split(",")) if (!address.isBlank()) list.add(address.strip());
        // The fields the dialog does not show are kept as they are; the ones it shows are written over them.
        Netem n = e.netem();
        boolean ok = true;
        for (NetemField f : NetemField.values()) {
            try {
                n = f.write(n, impairments.netem().get(f).getText());
            } catch (IllegalArgumentException x) {
                messages.add("/" + side + "/netem/" + f.key() + ": " + x.getMessage());
                ok = false;
            }
        }
        String name = own.name().getText().strip();
        return ok ? e.withName(name.isEmpty() ? null : name).withAddresses(list).withNetem(n) : null;
    }

    private static Topology replaced(Topology t, int index, Veth v) {
        List<Veth> veths = new ArrayList<>(t.veths());
        veths.set(index, v);
        return t.withVeths(veths);
    }

    private static String where(VethEnd e) {
        return e.bridge() != null ? "port of " + e.bridge() : "in " + e.namespace();
    }
}
