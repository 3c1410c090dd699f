package org.nslab.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabNameTest {

    @Test
    void aLowercaseLetterThenUpToFifteenOfLettersDigitsAndDashes() {
        assertThat(LabName.isValid("router-lab")).isTrue();
        assertThat(LabName.isValid("a234567890123456")).isTrue();
        for (String bad : new String[] {null, "", "a2345678901234567", "Lab", "1lab", "-lab", "la_b", "la.b", "../x", "lab "}) {
            assertThat(LabName.isValid(bad)).as(String.valueOf(bad)).isFalse();
            assertThat(LabName.problem(bad)).as(String.valueOf(bad)).isPresent();
        }
    }

    @Test
    void theLongestLabStillNamesAnIptablesChain() {
        // Host rules live in chains NSLAB-<lab>-<n>; iptables keeps 28 characters of a chain name.
        assertThat(("NSLAB-" + "a".repeat(16) + "-99").length()).isLessThanOrEqualTo(28);
    }
}
