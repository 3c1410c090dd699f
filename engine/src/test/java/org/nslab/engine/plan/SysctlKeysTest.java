package org.nslab.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SysctlKeysTest {
    @Test
    void anInterfaceNameWithDotsStaysOneFolder() {
        assertThat(SysctlKeys.slashed("net.ipv4.conf.veth.1.forwarding")).isEqualTo("net/ipv4/conf/veth.1/forwarding");
        assertThat(SysctlKeys.slashed("net.ipv6.conf.eth0.100.disable_ipv6")).isEqualTo("net/ipv6/conf/eth0.100/disable_ipv6");
        assertThat(SysctlKeys.slashed("net.ipv4.neigh.a.b.c.gc_stale_time")).isEqualTo("net/ipv4/neigh/a.b.c/gc_stale_time");
        assertThat(SysctlKeys.forCommand("net.ipv4.conf.veth.1.forwarding")).isEqualTo("net/ipv4/conf/veth.1/forwarding");
    }

    @Test
    void otherKeysAreTheirDottedNames() {
        assertThat(SysctlKeys.slashed("net.ipv4.ip_forward")).isEqualTo("net/ipv4/ip_forward");
        assertThat(SysctlKeys.slashed("net.ipv4.conf.all.rp_filter")).isEqualTo("net/ipv4/conf/all/rp_filter");
        assertThat(SysctlKeys.slashed("net.ipv4.conf.eth0.forwarding")).isEqualTo("net/ipv4/conf/eth0/forwarding");
        assertThat(SysctlKeys.forCommand("net.ipv4.conf.eth0.forwarding")).isEqualTo("net.ipv4.conf.eth0.forwarding");
        assertThat(SysctlKeys.slashed("net.core.somaxconn")).isEqualTo("net/core/somaxconn");
    }
}
