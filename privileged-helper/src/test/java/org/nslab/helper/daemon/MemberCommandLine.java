package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The command line as users other than root run it (their own uid, with setpriv), from a copy of this JVM's class
 * path they can read, made once for the test class: {@code @RegisterExtension static final MemberCommandLine cli}.
 */
final class MemberCommandLine implements BeforeAllCallback, AfterAllCallback {
    private UserClasspath classpath;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        classpath = UserClasspath.make();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        classpath.close();
    }

    /** {@code nslab ARGS} as {@code uid}, a member of the helper's group, with nothing on its input. */
    AsUser.Outcome as(int uid, String... args) throws Exception {
        return inGroups(uid, List.of(HelperSocketTest.GROUP), args);
    }

    /** The same with {@code stdin} on its input. */
    AsUser.Outcome withInput(int uid, String stdin, String... args) throws Exception {
        return AsUser.run(uid, uid, List.of(HelperSocketTest.GROUP), stdin, nslab(args).toArray(String[]::new));
    }

    /** {@code nslab ARGS} as {@code uid} with exactly these supplementary groups. */
    AsUser.Outcome inGroups(int uid, List<Integer> groups, String... args) throws Exception {
        return AsUser.run(uid, uid, groups, "", nslab(args).toArray(String[]::new));
    }

    /** {@code nslab ARGS} as {@code uid}, which must succeed. */
    void ok(int uid, String... args) throws Exception {
        AsUser.Outcome out = as(uid, args);
        assertThat(out.exit()).as(out.stdout() + out.stderr()).isZero();
    }

    /** The command that starts the command line, for a test that starts it its own way. */
    List<String> nslab(String... args) {
        return classpath.nslab(args);
    }
}
