package org.nslab.gui.main;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** At start, offers back the newest design that a designer which was killed or crashed had not saved. */
final class RecoveryDialog {
    static final ButtonType RECOVER = new ButtonType("Recover", ButtonBar.ButtonData.OK_DONE);
    static final ButtonType DISCARD = new ButtonType("Discard", ButtonBar.ButtonData.OTHER);
    static final ButtonType LATER = new ButtonType("Later", ButtonBar.ButtonData.CANCEL_CLOSE);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm").withZone(ZoneId.systemDefault());

    private RecoveryDialog() {}

    /** True when a design was recovered into the window. "Later" keeps it for the next start. */
    static boolean offer(Window owner, MainViewModel vm) throws IOException {
        List<Recovery.Orphan> found = vm.recoverable();
        if (found.isEmpty()) return false;
        Recovery.Orphan o = found.get(0);
        String what = o.source() == null ? "an untitled design" : o.source().toString();
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "nslab was closed without saving the changes to " + what
                + " (lab " + o.design().name() + ", last kept " + WHEN.format(o.keptAt()) + ")."
                + " Recover them? They open as unsaved changes; Undo shows the file as it was saved."
                + (found.size() > 1 ? "\n" + (found.size() - 1) + " more will be offered at the next start." : ""),
                RECOVER, DISCARD, LATER);
        a.setHeaderText("Unsaved changes were found");
        a.getDialogPane().setId("offer-recovery");
        if (owner != null) a.initOwner(owner);
        Optional<ButtonType> choice = a.showAndWait();
        if (choice.filter(RECOVER::equals).isPresent()) {
            vm.recover(o);
            return true;
        }
        if (choice.filter(DISCARD::equals).isPresent()) vm.discardRecovered(o);
        return false;
    }
}
