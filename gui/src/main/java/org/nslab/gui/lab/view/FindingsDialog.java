package org.nslab.gui.lab.view;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.nslab.gui.lab.LabViewModel;
import java.util.function.Consumer;
import org.nslab.engine.lab.Finding;
import org.nslab.engine.problem.Problem;

/**
 * Shows the doctor's findings about the host: before an apply, with the choice to apply anyway or cancel (the
 * safe answer is the default when a finding would break the lab); on request, just to read.
 */
public final class FindingsDialog {
    private FindingsDialog() {}

    /**
     * Opens the dialog whenever {@code lab} has findings to show; a finding's places in the design (the helper's
     * refusals) are links that hand the place to {@code reveal}.
     */
    public static void install(LabViewModel lab, Node owner, Consumer<Problem> reveal) {
        lab.findingsProperty().addListener((o, a, f) -> {
            if (f != null) show(lab, f, owner, reveal);
        });
    }

    private static void show(LabViewModel lab, LabViewModel.Findings f, Node owner, Consumer<Problem> reveal) {
        Dialog<ButtonType> d = new Dialog<>();
        if (owner.getScene() != null && owner.getScene().getWindow() != null) d.initOwner(owner.getScene().getWindow());
        d.setTitle(f.beforeApply() ? "Apply " + f.design().name() : "The host for " + f.design().name());
        long errors = f.findings().stream().filter(Finding::breaksLab).count();
        long refused = f.findings().stream().mapToLong(x -> x.problems().size()).sum();
        d.setHeaderText(f.findings().isEmpty() ? "Nothing on this host would break or endanger lab " + f.design().name() + "."
                : (f.beforeApply() ? "Before applying " + f.design().name() + ": " : "")
                + (refused > 0 ? "the helper refuses " + refused + (refused == 1 ? " part" : " parts") + " of the design. "
                        : errors > 0 ? errors + " finding(s) on the host would break the lab." : "The host has findings worth a look."));
        d.getDialogPane().setId("findings-dialog");
        d.getDialogPane().getStylesheets().add(FindingsDialog.class.getResource("/org/nslab/gui/designer.css").toExternalForm());
        VBox list = new VBox(12);
        list.setId("findings-list");
        for (Finding finding : f.findings()) list.getChildren().add(card(finding, reveal));
        ScrollPane scroll = new ScrollPane(list);
        scroll.setFitToWidth(true);
        scroll.setPrefSize(680, Math.min(460, 90 + 110 * f.findings().size()));
        d.getDialogPane().setContent(scroll);
        d.setResizable(true);

        ButtonType applyAnyway = new ButtonType("Apply Anyway", ButtonBar.ButtonData.OK_DONE);
        if (f.beforeApply()) {
            d.getDialogPane().getButtonTypes().setAll(applyAnyway, ButtonType.CANCEL);
            Button apply = (Button) d.getDialogPane().lookupButton(applyAnyway);
            Button cancel = (Button) d.getDialogPane().lookupButton(ButtonType.CANCEL);
            apply.setId("findings-apply");
            cancel.setId("findings-cancel");
            apply.setDefaultButton(errors == 0);
            cancel.setDefaultButton(errors > 0);
        } else {
            d.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
            d.getDialogPane().lookupButton(ButtonType.CLOSE).setId("findings-close");
        }
        d.setOnHidden(e -> {
            if (d.getResult() == applyAnyway) lab.proceed();
            else lab.cancel();
        });
        d.show();
    }

    private static VBox card(Finding f, Consumer<Problem> reveal) {
        FontIcon icon = new FontIcon(switch (f.severity()) {
            case ERROR -> "mdal-error";
            case WARNING -> "mdmz-warning";
            case INFO -> "mdal-info";
        });
        Label title = new Label(f.severity().label() + "  " + f.id() + ": " + f.title());
        title.getStyleClass().add("finding-title");
        title.setWrapText(true);
        HBox head = new HBox(6, icon, title);
        VBox card = new VBox(3, head);
        if (f.problems().isEmpty()) {
            card.getChildren().add(row("seen", f.evidence()));
        } else {
            // Each refused place on its own line, a link to it, instead of the same text run together.
            for (int i = 0; i < f.problems().size(); i++) {
                Problem p = f.problems().get(i);
                Hyperlink link = new Hyperlink(p.format());
                link.setId("refusal-" + i);
                link.setWrapText(true);
                link.setOnAction(e -> reveal.accept(p));
                card.getChildren().add(link);
            }
            int more = f.evidence().lastIndexOf("; and ");
            if (more >= 0) card.getChildren().add(row("", f.evidence().substring(more + 2)));
        }
        card.getChildren().add(row("fix", f.fix()));
        card.getStyleClass().addAll("finding", "finding-" + f.severity().label());
        card.setId("finding-" + f.id());
        return card;
    }

    private static HBox row(String name, String text) {
        Label label = new Label(name);
        label.getStyleClass().add("finding-label");
        label.setMinWidth(36);
        Label value = new Label(text);
        value.getStyleClass().add("finding-text");
        value.setWrapText(true);
        return new HBox(6, label, value);
    }
}
