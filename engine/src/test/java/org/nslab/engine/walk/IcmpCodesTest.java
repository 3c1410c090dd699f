package org.nslab.engine.walk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nslab.engine.net.Family;
import org.nslab.engine.netfilter.Netfilter;

/** Every ICMP type name a design may use has its numbers, so the walker never meets a name it cannot match. */
class IcmpCodesTest {
    @Test
    void everyNameTheValidatorAcceptsHasATypeAndCode() {
        for (Family f : Family.values()) {
            for (String name : Netfilter.icmpTypes(f)) {
                assertThat(Netfilter.icmpTypeCode(f, name)).as(f + " " + name).isPresent();
            }
        }
        assertThat(Netfilter.icmpTypeCode(Family.IPV4, "echo-request").orElseThrow()).containsExactly(8, -1);
        assertThat(Netfilter.icmpTypeCode(Family.IPV4, "port-unreachable").orElseThrow()).containsExactly(3, 3);
        assertThat(Netfilter.icmpTypeCode(Family.IPV6, "echo-reply").orElseThrow()).containsExactly(129, -1);
        assertThat(Netfilter.icmpTypeCode(Family.IPV4, "3/1").orElseThrow()).containsExactly(3, 1);
        assertThat(Netfilter.icmpTypeCode(Family.IPV4, "300")).isEmpty();
    }
}
