package org.nslab.engine.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.nslab.engine.model.Route;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.net.MacAddress;

/**
 * The commands of a node's start-up script that a design can say: {@code ip addr add}, {@code ip route add},
 * {@code ip link set … up/down/mtu/address} and {@code sysctl -w net.*}. Anything else (another program, shell
 * syntax, an option these forms do not know) is noted with its line, never guessed at.
 */
final class ExecLines {
    /** Shell syntax that makes a line more than one plain command. */
    private static final Pattern SHELL = Pattern.compile("[;&|<>`$(){}\\\\'\"*?~#]");
    private static final Pattern SYSCTL_KEY = Pattern.compile("net(\\.[A-Za-z0-9_-]+)+");

    private ExecLines() {}

    /** Carries one line over into node {@code id} of {@code design}; {@code pointer} is the line's place in the source. */
    static void apply(DesignBuilder design, String id, String line, String pointer) {
        Optional<String> why = carry(design, id, line.trim(), pointer);
        why.ifPresent(reason -> design.note(pointer, "exec line of " + id + " is not carried over (" + reason + "): " + line.trim()));
    }

    /** Empty when the line was carried over, else why not. */
    private static Optional<String> carry(DesignBuilder design, String id, String line, String pointer) {
        if (line.isEmpty()) return Optional.of("it is empty");
        if (SHELL.matcher(line).find()) return Optional.of("it uses shell syntax");
        List<String> w = new ArrayList<>(List.of(line.split("\\s+")));
        String program = w.remove(0);
        if (program.equals("/sbin/ip") || program.equals("/usr/sbin/ip") || program.equals("/bin/ip")) program = "ip";
        if (program.equals("/sbin/sysctl") || program.equals("/usr/sbin/sysctl")) program = "sysctl";
        return switch (program) {
            case "ip" -> ip(design, id, w, pointer);
            case "sysctl" -> sysctl(design, id, w, pointer);
            default -> Optional.of("only ip addr/route/link and sysctl -w net.* lines have a meaning in a design");
        };
    }

    private static Optional<String> ip(DesignBuilder design, String id, List<String> w, String pointer) {
        while (!w.isEmpty() && (w.get(0).equals("-4") || w.get(0).equals("-6"))) w.remove(0);
        if (w.size() < 2) return Optional.of("an ip command needs an object and a verb");
        String object = w.remove(0);
        String verb = w.remove(0);
        boolean add = verb.equals("add") || verb.equals("a") || verb.equals("replace");
        if (prefixOf(object, "address", 1) && add) return address(design, id, w);
        if (prefixOf(object, "route", 1) && add) return route(design, id, w, pointer);
        if (prefixOf(object, "link", 1) && (verb.equals("set") || verb.equals("s"))) return link(design, id, w);
        return Optional.of("ip " + object + " " + verb + " has no meaning in a design");
    }

    private static boolean prefixOf(String word, String full, int min) {
        return word.length() >= min && full.startsWith(word);
    }

    private static Optional<String> address(DesignBuilder design, String id, List<String> w) {
        if (w.size() != 3 || !w.get(1).equals("dev")) return Optional.of("expected: ip addr add ADDRESS/LEN dev IFACE");
        Optional<Cidr> cidr = Cidr.tryParse(w.get(0));
        if (cidr.isEmpty() || !w.get(0).contains("/")) return Optional.of("\"" + w.get(0) + "\" is not an address with a prefix length");
        DesignBuilder.End end = design.end(id, w.get(2));
        if (end == null) return Optional.of("the interface " + w.get(2) + " is not a link of the design");
        if (!end.addresses.contains(w.get(0))) end.addresses.add(w.get(0));
        return Optional.empty();
    }

    private static Optional<String> route(DesignBuilder design, String id, List<String> w, String pointer) {
        if (w.isEmpty()) return Optional.of("a route needs a destination");
        String to = w.remove(0);
        if (!to.equals("default")) {
            if (!to.contains("/")) {
                Optional<IpAddress> host = IpAddress.tryParse(to);
                if (host.isEmpty()) return Optional.of("\"" + to + "\" is not a destination");
                to = to + (host.get().family() == org.nslab.engine.net.Family.IPV4 ? "/32" : "/128");
            }
            if (Cidr.tryParse(to).isEmpty()) return Optional.of("\"" + to + "\" is not a destination");
        }
        String via = null;
        String dev = null;
        Integer metric = null;
        while (w.size() >= 2) {
            String key = w.remove(0);
            String value = w.remove(0);
            switch (key) {
                case "via" -> via = value;
                case "dev" -> dev = value;
                case "metric", "preference", "priority" -> {
                    try {
                        metric = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        return Optional.of("the metric \"" + value + "\" is not a number");
                    }
                }
                default -> {
                    return Optional.of("the route option \"" + key + "\" has no meaning in a design");
                }
            }
        }
        if (!w.isEmpty()) return Optional.of("\"" + w.get(0) + "\" has no value");
        if (via == null && dev == null) return Optional.of("a route needs via or dev");
        if (via != null && IpAddress.tryParse(via).isEmpty()) return Optional.of("\"" + via + "\" is not a gateway address");
        if (dev != null && design.end(id, dev) == null && !dev.equals("lo")) {
            return Optional.of("the interface " + dev + " is not a link of the design");
        }
        DesignBuilder.Node node = design.namespace(id, pointer);
        node.routes.add(new Route(to, via, dev, metric));
        node.routeOrigins.add(pointer);
        return Optional.empty();
    }

    private static Optional<String> link(DesignBuilder design, String id, List<String> w) {
        if (!w.isEmpty() && w.get(0).equals("dev")) w.remove(0);
        if (w.isEmpty()) return Optional.of("expected: ip link set IFACE up|down|mtu N|address MAC");
        DesignBuilder.End end = design.end(id, w.remove(0));
        if (end == null) return Optional.of("the interface is not a link of the design");
        if (w.isEmpty()) return Optional.of("nothing to set");
        Integer mtu = end.mtu;
        Boolean up = end.up;
        String mac = end.mac;
        while (!w.isEmpty()) {
            String key = w.remove(0);
            switch (key) {
                case "up" -> up = true;
                case "down" -> up = false;
                case "mtu", "address" -> {
                    if (w.isEmpty()) return Optional.of(key + " needs a value");
                    String value = w.remove(0);
                    if (key.equals("mtu")) {
                        try {
                            mtu = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            return Optional.of("the mtu \"" + value + "\" is not a number");
                        }
                    } else {
                        if (MacAddress.problem(value).isPresent()) return Optional.of("\"" + value + "\" is not a MAC address");
                        mac = value.toLowerCase();
                    }
                }
                default -> {
                    return Optional.of("the link setting \"" + key + "\" has no meaning in a design");
                }
            }
        }
        end.mtu = mtu;
        end.up = up;
        end.mac = mac;
        return Optional.empty();
    }

    private static Optional<String> sysctl(DesignBuilder design, String id, List<String> w, String pointer) {
        if (!w.isEmpty() && w.get(0).equals("-w")) w.remove(0);
        if (w.isEmpty()) return Optional.of("expected: sysctl -w net.KEY=VALUE");
        for (String setting : w) {
            int eq = setting.indexOf('=');
            if (eq <= 0 || eq == setting.length() - 1) return Optional.of("expected KEY=VALUE, found \"" + setting + "\"");
            String key = setting.substring(0, eq).replace('/', '.');
            if (!SYSCTL_KEY.matcher(key).matches()) return Optional.of(key + " is not a per-namespace net.* sysctl");
        }
        DesignBuilder.Node node = design.namespace(id, pointer);
        for (String setting : w) {
            int eq = setting.indexOf('=');
            String key = setting.substring(0, eq).replace('/', '.');
            node.sysctls.put(key, setting.substring(eq + 1));
            node.sysctlOrigins.put(key, pointer);
        }
        return Optional.empty();
    }
}
