package org.nslab.engine.lab;

import java.util.List;
import org.nslab.engine.model.Check;

/**
 * A tcp or udp check whose listener is on another machine, opened there with {@link LabService#listen}. It is no
 * check of the design the machine running it holds (nothing of that machine listens on its address), so it travels
 * beside that design's checks: the machine opens no listener for it, and a udp probe sends {@code token} (the one the
 * listener echoes; null for tcp) instead of a token of its own.
 */
public record ListenerElsewhere(Check check, String token) {
    /**
     * Why {@code elsewhere} cannot be run, at its JSON pointer (an icmp check, a port outside 1 to 65535, no expectation, a udp check
     * without its 32 hex digits, a tcp check with a token), or null when it can.
     */
    public static String problem(List<ListenerElsewhere> elsewhere) {
        for (int i = 0; i < elsewhere.size(); i++) {
            Check c = elsewhere.get(i).check();
            String token = elsewhere.get(i).token();
            String at = "/elsewhere/" + i;
            String proto = c.protoOrDefault();
            if (!proto.equals("tcp") && !proto.equals("udp")) {
                return at + "/proto: expected \"tcp\" or \"udp\" (only those have a listener), found \"" + proto + "\"";
            }
            if (c.port() == null || c.port() < 1 || c.port() > 65535) return at + "/port: expected a port 1 to 65535, found " + c.port();
            if (!Check.REACH.equals(c.expect()) && !Check.BLOCKED.equals(c.expect())) {
                return at + "/expect: expected \"reach\" or \"blocked\", found " + (c.expect() == null ? "null" : '"' + c.expect() + '"');
            }
            if (proto.equals("tcp") && token != null) return at + "/token: a tcp check sends no token, found \"" + token + "\"";
            if (proto.equals("udp") && (token == null || !token.matches("[0-9a-f]{" + 2 * ListenRequest.TOKEN_BYTES + "}"))) {
                return at + "/token: a udp check sends the token its listener echoes, " + 2 * ListenRequest.TOKEN_BYTES
                        + " lowercase hex digits, found " + (token == null ? "null" : '"' + token + '"');
            }
        }
        return null;
    }
}
