package org.nslab.helper.check;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The frame of the tests that probe {@link TinyLab}: built before each test, torn down after it whatever it asserted. */
abstract class OnTinyLab {
    @BeforeEach
    void buildTinyLab() {
        TinyLab.build();
    }

    @AfterEach
    void tearDownTinyLab() {
        TinyLab.teardown();
    }
}
