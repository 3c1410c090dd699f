package org.nslab.helper.apply;

import java.util.List;
import org.nslab.helper.testing.ProgramRun;

/** Runs an independent tool (ip, iptables-save, ping, nc) and returns its exit status and output. */
record Sh(int code, String out) {
    static Sh run(String... command) {
        ProgramRun r = ProgramRun.merged(command);
        return new Sh(r.exit(), r.out());
    }

    static String ok(String... command) {
        Sh r = run(command);
        if (r.code != 0) throw new AssertionError(String.join(" ", List.of(command)) + " failed (" + r.code + "): " + r.out);
        return r.out;
    }

    /** True when one ping from the namespace reaches the address. */
    static boolean ping(String netns, String address) {
        return run("ip", "netns", "exec", netns, "ping", "-c", "1", "-W", "1", address).code == 0;
    }

    static String sysctl(String netns, String key) {
        String path = "/proc/sys/" + key.replace('.', '/');
        return (netns.equals("host") ? ok("cat", path) : ok("ip", "netns", "exec", netns, "cat", path)).trim();
    }
}
