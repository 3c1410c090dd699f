package org.nslab.gui.inspector;

import atlantafx.base.theme.Styles;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;

/**
 * Makes the control for a {@link FieldModel} and binds it: typing goes to the model, Enter or leaving the field
 * commits, Escape reverts; the model's problem is shown at the control (red outline, tooltip, decoration).
 */
public final class FieldControls {
    private FieldControls() {}

    public static Control create(FieldModel field, ValidationSupport validation) {
        Control control = switch (field.kind()) {
            case TEXT -> text(field);
            case CHOICE -> choice(field);
            case SUGGEST -> suggest(field);
            case CHECK -> check(field);
        };
        decorate(control, field, validation);
        return control;
    }

    private static TextField text(FieldModel field) {
        TextField tf = new TextField();
        tf.textProperty().bindBidirectional(field.textProperty());
        tf.promptTextProperty().bind(field.promptProperty());
        tf.setOnAction(e -> field.commit());
        tf.focusedProperty().addListener((obs, was, is) -> {
            if (!is) field.commit();
        });
        tf.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) field.revert();
        });
        return tf;
    }

    private static ChoiceBox<String> choice(FieldModel field) {
        ChoiceBox<String> cb = new ChoiceBox<>(field.choices());
        cb.setValue(field.text());
        field.textProperty().addListener((obs, o, n) -> cb.setValue(n));
        cb.valueProperty().addListener((obs, o, n) -> {
            if (n != null && !n.equals(field.text())) field.set(n);
        });
        return cb;
    }

    private static ComboBox<String> suggest(FieldModel field) {
        ComboBox<String> cb = new ComboBox<>(field.choices());
        cb.setEditable(true);
        cb.getEditor().textProperty().bindBidirectional(field.textProperty());
        cb.getEditor().promptTextProperty().bind(field.promptProperty());
        cb.valueProperty().addListener((obs, o, n) -> {
            if (n != null && !n.equals(field.committedProperty().get())) field.set(n);
        });
        cb.getEditor().setOnAction(e -> field.commit());
        cb.focusedProperty().addListener((obs, was, is) -> {
            if (!is) field.commit();
        });
        cb.getEditor().setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) field.revert();
        });
        return cb;
    }

    private static CheckBox check(FieldModel field) {
        CheckBox cb = new CheckBox();
        cb.setSelected(Boolean.parseBoolean(field.text()));
        field.textProperty().addListener((obs, o, n) -> cb.setSelected(Boolean.parseBoolean(n)));
        cb.setOnAction(e -> field.set(String.valueOf(cb.isSelected())));
        return cb;
    }

    private static void decorate(Control control, FieldModel field, ValidationSupport validation) {
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(field.problemProperty());
        Runnable show = () -> {
            String problem = field.problem();
            control.pseudoClassStateChanged(Styles.STATE_DANGER, problem != null);
            control.setTooltip(problem == null ? null : tip);
            validation.revalidate(control);
        };
        validation.registerValidator(control, false,
                (Control c, Object value) -> ValidationResult.fromErrorIf(c, field.problem(), field.problem() != null));
        field.problemProperty().addListener((obs, o, n) -> show.run());
        show.run();
    }
}
