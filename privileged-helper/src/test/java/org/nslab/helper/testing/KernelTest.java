package org.nslab.helper.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that changes the real kernel. It runs only inside the test sandbox (a private network
 * and mount namespace, see .ci/sandbox/bin/java) and every test must leave the sandbox as it found it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("kernel")
@ExtendWith(ZeroResidueExtension.class)
public @interface KernelTest {}
