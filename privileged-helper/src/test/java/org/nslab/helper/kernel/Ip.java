package org.nslab.helper.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.nslab.helper.testing.HostSnapshot;

/** The real {@code ip} tool as an independent observer of what the kernel layer did. */
final class Ip {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Ip() {}

    /** {@code ip -j [-d] -n NS ARGS...} parsed; fails the test if ip's output is not JSON. */
    static JsonNode json(String netns, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-j", "-d"));
        if (netns != null) cmd.addAll(List.of("-n", netns));
        cmd.addAll(List.of(args));
        String out = HostSnapshot.run(cmd.toArray(String[]::new));
        try {
            return JSON.readTree(out);
        } catch (Exception e) {
            throw new AssertionError(String.join(" ", cmd) + " printed: " + out, e);
        }
    }

    static JsonNode link(String netns, String ifname) {
        JsonNode all = json(netns, "link", "show", "dev", ifname);
        if (all.size() != 1) throw new AssertionError("no single link " + ifname + " in " + netns + ": " + all);
        return all.get(0);
    }

    static List<String> flags(JsonNode link) {
        List<String> out = new ArrayList<>();
        link.get("flags").forEach(f -> out.add(f.asText()));
        return out;
    }

    /** Runs a command inside a namespace with {@code ip netns exec}; returns its output and exit status. */
    static String exec(String netns, String... command) {
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", "\"$@\"; echo \"exit=$?\"", "sh", "ip", "netns", "exec", netns));
        cmd.addAll(List.of(command));
        return HostSnapshot.run(cmd.toArray(String[]::new));
    }
}
