package org.nslab.gui.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nslab.engine.lab.Drift;
import org.nslab.engine.lab.KernelObject;
import org.nslab.engine.lab.StatusReport;
import org.nslab.engine.model.Topology;
import org.nslab.gui.document.ElementRef;
import org.nslab.gui.document.Labs;

class StatusPictureTest {
    private final Topology t = Labs.routerLab();

    private Drift drift(Drift.Kind kind, KernelObject object, String detail) {
        return new Drift(kind, object, detail, List.of());
    }

    @Test
    void everyKindOfDifferenceTintsItsNodeAndIsListedWithItsElement() {
        String red = t.kernelName("red");
        String router = t.kernelName("router");
        StatusReport report = new StatusReport(t.name(), 0, true, List.of(
                drift(Drift.Kind.MISSING, new KernelObject.Address(red, "eth0", "10.0.1.2/24"), null),
                drift(Drift.Kind.MISSING, new KernelObject.Route(t.kernelName("blue"), "default", "10.0.2.1", null), null),
                drift(Drift.Kind.DIFFERENT, new KernelObject.Sysctl(router, "net.ipv4.ip_forward"), "is 0, the design has 1"),
                drift(Drift.Kind.EXTRA, new KernelObject.Route(router, "10.9.0.0/16", null, "eth1"), null)));

        StatusPicture p = StatusPicture.of(t, report);

        assertThat(p.nodes()).containsEntry("red", NodeState.DRIFTED).containsEntry("blue", NodeState.DRIFTED)
                .containsEntry("router", NodeState.DRIFTED).containsEntry("br-a", NodeState.APPLIED);
        // The address is on red's end of veth 0, the extra route leaves through router's eth1 (veth 2).
        assertThat(p.links()).containsEntry(0, NodeState.DRIFTED).containsEntry(1, NodeState.APPLIED)
                .containsEntry(2, NodeState.DRIFTED).containsEntry(3, NodeState.APPLIED);
        assertThat(p.rows()).extracting(StatusRow::object, StatusRow::expected, StatusRow::found, StatusRow::target).containsExactly(
                org.assertj.core.groups.Tuple.tuple("address 10.0.1.2/24 on eth0 in " + red, "present", "missing", new ElementRef.VethRef(0)),
                org.assertj.core.groups.Tuple.tuple("route default via 10.0.2.1 in " + t.kernelName("blue"), "present", "missing",
                        new ElementRef.NamespaceRef("blue")),
                org.assertj.core.groups.Tuple.tuple("sysctl net.ipv4.ip_forward in " + router, "as designed", "is 0, the design has 1",
                        new ElementRef.NamespaceRef("router")),
                org.assertj.core.groups.Tuple.tuple("route 10.9.0.0/16 dev eth1 in " + router, "absent", "present", new ElementRef.VethRef(2)));
    }

    @Test
    void aMissingVethEndIsAMissingLinkAndAMissingBridgeAMissingNode() {
        StatusReport report = new StatusReport(t.name(), 0, true, List.of(
                drift(Drift.Kind.MISSING, KernelObject.link("host", "blue-b"), null),
                drift(Drift.Kind.MISSING, KernelObject.link("host", "br-a"), null)));

        StatusPicture p = StatusPicture.of(t, report);

        assertThat(p.links()).containsEntry(3, NodeState.MISSING).containsEntry(0, NodeState.APPLIED);
        assertThat(p.nodes()).containsEntry("br-a", NodeState.MISSING);
        assertThat(p.rows()).extracting(StatusRow::target).containsExactly(new ElementRef.VethRef(3), new ElementRef.BridgeRef("br-a"));
    }

    @Test
    void aLabNotAppliedIsMissingWholeWithNoLinkStates() {
        StatusPicture p = StatusPicture.of(t, StatusReport.notApplied(t.name(), false));

        assertThat(p.nodes()).containsEntry("red", NodeState.MISSING);
        assertThat(p.links()).isEmpty();
        assertThat(p.rows()).singleElement().satisfies(r -> assertThat(r.target()).isNull());
    }
}
