package org.nslab.helper.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nslab.engine.plan.Operation;

class StateObjectsTest {
    @Test
    void aDeletedLinkTakesItsOwnSysctlsAndNoOtherDevicesOrGlobalOnes() {
        List<Operation> objects = new ArrayList<>(List.of(
                new Operation.DeleteLink("host", "br0"),
                new Operation.RestoreSysctl("host", "net.ipv6.conf.br0.disable_ipv6", "1"),
                new Operation.RestoreSysctl("host", "net.ipv4.neigh.br0.base_reachable_time_ms", "30000"),
                new Operation.RestoreSysctl("host", "net.ipv6.conf.br0.5.disable_ipv6", "1"),
                new Operation.RestoreSysctl("host", "net.ipv6.conf.br01.disable_ipv6", "1"),
                new Operation.RestoreSysctl("host", "net.ipv4.ip_forward", "0"),
                new Operation.RestoreSysctl("host", "net.ipv6.conf.all.forwarding", "0")));
        StateObjects.dropCovered(objects, new HashMap<>(), new Operation.DeleteLink("host", "br0"));
        assertThat(objects).extracting(o -> o instanceof Operation.RestoreSysctl r ? r.key() : o.describe()).containsExactly(
                "net.ipv6.conf.br0.5.disable_ipv6", "net.ipv6.conf.br01.disable_ipv6", "net.ipv4.ip_forward",
                "net.ipv6.conf.all.forwarding");
    }

    @Test
    void aDeviceNameWithADotOwnsOnlyItsOwnKeys() {
        assertThat(StateObjects.ofDevice("net.ipv6.conf.eth0.5.disable_ipv6", "eth0.5")).isTrue();
        assertThat(StateObjects.ofDevice("net.ipv6.conf.eth0.5.disable_ipv6", "eth0")).isFalse();
        assertThat(StateObjects.ofDevice("net.ipv6.conf.eth0.disable_ipv6", "eth0")).isTrue();
        assertThat(StateObjects.ofDevice("net.core.somaxconn", "eth0")).isFalse();
    }
}
