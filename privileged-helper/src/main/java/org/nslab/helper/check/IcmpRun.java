package org.nslab.helper.check;

import java.io.IOException;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ICMP echo from one namespace to many addresses: natively, or with the ping program when no socket opens. */
final class IcmpRun {
    /** One target's answer: {@code reached} is null when the probe could not run at all. */
    record Reply(Boolean reached, String method, String detail) {}

    private IcmpRun() {}

    static Map<InetAddress, Reply> probe(String netns, List<InetAddress> targets, long timeoutMillis) {
        Map<InetAddress, Reply> out = new LinkedHashMap<>();
        IcmpProbe.Echo echo;
        try {
            echo = Namespaces.call(netns, () -> IcmpProbe.echo(targets, timeoutMillis));
        } catch (IOException nativeFailed) {
            Map<InetAddress, Boolean> pinged = PingFallback.run(netns, targets, timeoutMillis);
            for (InetAddress to : targets) {
                Boolean r = pinged.get(to);
                out.put(to, new Reply(r, PingFallback.METHOD, r == null ? "ping could not run (" + nativeFailed.getMessage() + ")"
                        : (r ? "ping got a reply" : "ping got no reply within " + timeoutMillis + " ms")
                                + " (no ICMP socket: " + nativeFailed.getMessage() + ")"));
            }
            return out;
        } catch (Exception e) {
            for (InetAddress to : targets) out.put(to, new Reply(null, "icmp", "cannot enter namespace " + netns + ": " + e.getMessage()));
            return out;
        }
        for (InetAddress to : targets) {
            Long micros = echo.replies().get(to);
            out.put(to, new Reply(micros != null, echo.methodFor(to),
                    micros != null ? "echo reply in " + Checker.millis(micros) : "no echo reply within " + timeoutMillis + " ms"));
        }
        return out;
    }
}
