package org.nslab.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Netem;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.plan.Operation.DeleteNetem;
import org.nslab.engine.plan.Operation.SetNetem;

/** Impairments in the plan: one qdisc per impaired end, and a diff that touches only the qdisc. */
class NetemPlanTest {
    static final Netem DELAY_40 = Netem.none().withDelayMs(40.0).withLossPercent(1.5);

    /** The router lab with netem on red's end of its veth (red:eth0, a port of br-a on the other side). */
    static Topology impaired(Netem netem) {
        Topology t = Designs.routerLab();
        List<Veth> veths = new ArrayList<>(t.veths());
        Veth first = veths.get(0);
        veths.set(0, new Veth(first.a().withNetem(netem), first.b()));
        return t.withVeths(veths);
    }

    @Test
    void anImpairedEndGetsOneQdiscAfterItsLinkAndAddresses() {
        List<Operation> plan = Planner.apply(impaired(DELAY_40));
        List<SetNetem> qdiscs = plan.stream().filter(SetNetem.class::isInstance).map(SetNetem.class::cast).toList();
        assertThat(qdiscs).containsExactly(new SetNetem("lab-red", "eth0", new Impairment(40_000, 0, 1.5, 0, 0, 0, 0, 1000)));
        int at = plan.indexOf(qdiscs.get(0));
        assertThat(plan.subList(0, at)).anyMatch(op -> op instanceof Operation.CreateVeth v && v.a().ifname().equals("eth0")
                && v.a().netns().equals("lab-red"));
        assertThat(plan.subList(at, plan.size())).noneMatch(op -> op instanceof Operation.CreateVeth || op instanceof Operation.AddAddress);
        assertThat(qdiscs.get(0).describe()).isEqualTo("set netem delay 40ms loss 1.5% limit 1000 on eth0 in lab-red");
    }

    @Test
    void changingOneValueReplacesOnlyThatQdisc() {
        List<Operation> diff = Planner.diff(impaired(DELAY_40), impaired(DELAY_40.withDelayMs(80.0)));
        assertThat(diff).containsExactly(new SetNetem("lab-red", "eth0", new Impairment(80_000, 0, 1.5, 0, 0, 0, 0, 1000)));
    }

    @Test
    void addingAndRemovingImpairmentsTouchesNeitherLinkNorAddresses() {
        assertThat(Planner.diff(Designs.routerLab(), impaired(DELAY_40)))
                .containsExactly(new SetNetem("lab-red", "eth0", Impairment.of(DELAY_40)));
        assertThat(Planner.diff(impaired(DELAY_40), Designs.routerLab())).containsExactly(new DeleteNetem("lab-red", "eth0"));
        assertThat(Planner.diff(impaired(DELAY_40), impaired(DELAY_40))).isEmpty();
    }

    @Test
    void aRecreatedLinkGetsItsQdiscAgainAndTeardownNeedsNoQdiscStep() {
        Topology before = impaired(DELAY_40);
        List<Veth> veths = new ArrayList<>(before.veths());
        Veth first = veths.get(0);
        veths.set(0, new Veth(first.a(), Designs.port("br-a", "red-b")));
        List<Operation> diff = Planner.diff(before, before.withVeths(veths));
        assertThat(diff).contains(new SetNetem("lab-red", "eth0", Impairment.of(DELAY_40)));
        assertThat(diff).noneMatch(DeleteNetem.class::isInstance);
        assertThat(Planner.teardown(before)).noneMatch(op -> op instanceof SetNetem || op instanceof DeleteNetem);
    }

    @Test
    void aDeletedLinkTakesItsQdiscAlong() {
        List<Operation> plan = Planner.apply(impaired(DELAY_40));
        var gone = LinkDependents.of(plan, List.of(new Operation.DeleteLink("lab-red", "eth0")));
        assertThat(gone).contains(new SetNetem("lab-red", "eth0", Impairment.of(DELAY_40)));
    }

    @Test
    void tcArgumentsCarryEveryValueInTcUnits() {
        Impairment i = Impairment.of(new Netem(40.5, 5.0, 1.5, 8000L, 0.25, 2.0, 10.0, 500L));
        assertThat(i.tcArguments()).containsExactly("delay", "40500us", "5ms", "loss", "1.5%", "duplicate", "0.25%", "corrupt", "2%",
                "reorder", "10%", "rate", "8000kbit", "limit", "500");
        assertThat(i.sameAs(new Impairment(40_500, 5_000, 1.5000000001, 0.25, 2, 10, 8000, 500))).isTrue();
        assertThat(i.sameAs(new Impairment(40_501, 5_000, 1.5, 0.25, 2, 10, 8000, 500))).isFalse();
    }
}
