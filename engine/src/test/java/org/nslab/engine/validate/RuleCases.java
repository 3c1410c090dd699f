package org.nslab.engine.validate;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.provider.Arguments;

/**
 * One small design per rule of the format, each breaking exactly that rule. Designs are written on one line
 * with single quotes for readability ({@link #json} turns them into JSON), so a problem's column is its offset.
 */
final class RuleCases {
    private RuleCases() {}

    /** Starts a valid design; a case appends its members and the closing brace. */
    static final String HEAD = "{'format':'nslab/1','name':'lab',";
    /** Namespace r with interface e0 at 10.0.0.1/24, for rules that need an interface. */
    static final String R = "'veths':[{'a':{'namespace':'r','name':'e0','addresses':['10.0.0.1/24']},'b':{'namespace':'r','name':'e1'}}]";

    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static final List<Arguments> CASES = new ArrayList<>();

    static void rule(String name, String design, String... expected) {
        CASES.add(Arguments.argumentSet(name, json(design), List.of(expected)));
    }

    /** A namespace r (with interface e0) whose IPv4 firewall is {@code firewall}. */
    static String fw(String firewall) {
        return HEAD + "'namespaces':{'r':{'firewall':" + firewall + "}}," + R + "}";
    }

    static String fw6(String firewall) {
        return HEAD + "'namespaces':{'r':{'firewall6':" + firewall + "}}," + R + "}";
    }

    /** One rule in filter FORWARD. */
    static String fwRule(String rule) {
        return fw("{'filter':{'FORWARD':{'rules':[" + rule + "]}}}");
    }

    static List<Arguments> cases() {
        return CASES;
    }

    static {
        // Top level
        rule("format is required", "{'name':'lab'}",
                "t.nslab.json:1:1 /format: missing \"format\"; expected \"nslab/1\"");
        rule("format must be nslab/1", "{'format':'nslab/2','name':'lab'}",
                "t.nslab.json:1:2 /format: \"nslab/2\" is not a supported format; this version reads \"nslab/1\"");
        rule("name is required", "{'format':'nslab/1'}",
                "t.nslab.json:1:1 /name: missing \"name\"; expected the lab's name, e.g. \"router-lab\"");
        rule("lab name syntax", "{'format':'nslab/1','name':'Lab_1'}",
                "t.nslab.json:1:21 /name: \"Lab_1\" is not a valid lab name: expected a lowercase letter followed by up to 15 lowercase letters, digits or '-'");
        rule("lab name length", "{'format':'nslab/1','name':'abcdefghijklmnopq'}",
                "t.nslab.json:1:21 /name: \"abcdefghijklmnopq\" is not a valid lab name: expected a lowercase letter followed by up to 15 lowercase letters, digits or '-'");
        rule("description without control characters", HEAD + "'description':'two\\nlines'}",
                "t.nslab.json:1:34 /description: contains a control character (U+000A) at position 4; values in a design may not contain newlines, tabs, NUL or other control characters");
        // Syntax, keys and types
        rule("truncated file", HEAD + "'namespaces':{'r':{",
                "t.nslab.json:1:53 /namespaces/r: the file ends in the middle of the JSON text (is it truncated?)");
        rule("duplicate key", HEAD + "'name':'again'}",
                "t.nslab.json:1:34 /name: duplicate key \"name\" (first at line 1, column 21); keys must be unique");
        rule("unknown key with suggestion", HEAD + "'namespace':{}}",
                "t.nslab.json:1:34 /namespace: unknown key \"namespace\"; did you mean \"namespaces\"?");
        rule("unknown key without suggestion", HEAD + "'zzz':1}",
                "t.nslab.json:1:34 /zzz: unknown key \"zzz\"; expected one of: format, name, description, namespaces, bridges, tuns, veths, checks, layout, etcHosts, machines, vxlans");
        rule("wrong type says what was expected", HEAD + "'namespaces':[]}",
                "t.nslab.json:1:34 /namespaces: expected an object, found an array");
        rule("null is not absent", HEAD + "'description':null}",
                "t.nslab.json:1:34 /description: expected a string, found null (leave the key out instead)");
        rule("integer expected", HEAD + "'bridges':{'br':{'mtu':1500.5}}}",
                "t.nslab.json:1:51 /bridges/br/mtu: expected a whole number, found the number 1500.5");
        rule("boolean expected", HEAD + "'bridges':{'br':{'stp':'no'}}}",
                "t.nslab.json:1:51 /bridges/br/stp: expected true or false, found the string \"no\"");
        rule("root must be an object", "[1]",
                "t.nslab.json:1:1: expected a JSON object with \"format\": \"nslab/1\", found an array");
        rule("trailing content", HEAD + "'description':'x'} {}",
                "t.nslab.json:1:53: unexpected text after the end of the JSON object; a design file holds exactly one object");
        // Names and ids
        rule("namespace id syntax", HEAD + "'namespaces':{'Red':{}}}",
                "t.nslab.json:1:48 /namespaces/Red: \"Red\" is not a valid namespace id: expected a lowercase letter followed by up to 31 lowercase letters, digits, '_' or '-'");
        rule("host is reserved for bridges", HEAD + "'bridges':{'host':{}}}",
                "t.nslab.json:1:45 /bridges/host: \"host\" is reserved for the namespace nslab runs in; choose another bridge id");
        rule("host is reserved for TUN devices", HEAD + "'tuns':{'host':{'mode':'tun'}}}",
                "t.nslab.json:1:42 /tuns/host: \"host\" is reserved for the namespace nslab runs in; choose another TUN device id");
        rule("bridge id syntax", HEAD + "'bridges':{'Br':{'ifname':'br'}}}",
                "t.nslab.json:1:45 /bridges/Br: \"Br\" is not a valid bridge id: expected a lowercase letter followed by up to 31 lowercase letters, digits, '_' or '-'");
        rule("ids shared by namespaces and bridges", HEAD + "'namespaces':{'x':{}},'bridges':{'x':{}}}",
                "t.nslab.json:1:67 /bridges/x: id \"x\" is already used by namespace \"x\"; namespaces, bridges and TUN devices share one id space");
        rule("ids shared by bridges and TUN devices", HEAD + "'bridges':{'x':{}},'tuns':{'x':{'mode':'tap','ifname':'tx'}}}",
                "t.nslab.json:1:61 /tuns/x: id \"x\" is already used by bridge \"x\"; namespaces, bridges and TUN devices share one id space");
        rule("kernelName syntax", HEAD + "'namespaces':{'r':{'kernelName':'a/b'}}}",
                "t.nslab.json:1:53 /namespaces/r/kernelName: \"a/b\" is not a valid kernel namespace name: expected a letter or digit followed by up to 63 letters, digits, '_', '.' or '-'");
        rule("kernelName length", HEAD + "'namespaces':{'r':{'kernelName':'" + "k".repeat(65) + "'}}}",
                "t.nslab.json:1:53 /namespaces/r/kernelName: \"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk...\" is not a valid kernel namespace name: expected a letter or digit followed by up to 63 letters, digits, '_', '.' or '-'");
        rule("kernelName host is reserved", HEAD + "'namespaces':{'r':{'kernelName':'host'}}}",
                "t.nslab.json:1:53 /namespaces/r/kernelName: \"host\" is reserved for the namespace nslab runs in; choose another kernel name");
        rule("host has no kernelName", HEAD + "'namespaces':{'host':{'kernelName':'root'}}}",
                "t.nslab.json:1:56 /namespaces/host/kernelName: \"host\" is the namespace nslab runs in and keeps its own name; remove \"kernelName\"");
        rule("kernel names collide", HEAD + "'namespaces':{'a':{},'b':{'kernelName':'lab-a'}}}",
                "t.nslab.json:1:60 /namespaces/b/kernelName: kernel name \"lab-a\" is also the kernel name of namespace \"a\"; each namespace needs its own");
        rule("interface name length", HEAD + "'namespaces':{'r':{}},'veths':[{'a':{'namespace':'r','name':'averyveryverylongname'},"
                + "'b':{'namespace':'r','name':'e1'}}]}",
                "t.nslab.json:1:87 /veths/0/a/name: \"averyveryverylongname\" is 21 characters; interface names hold at most 15");
        rule("interface name characters", HEAD + "'namespaces':{'r':{}},'veths':[{'a':{'namespace':'r','name':'e 0'},"
                + "'b':{'namespace':'r','name':'e1'}}]}",
                "t.nslab.json:1:87 /veths/0/a/name: \"e 0\" is not a valid interface name: use only letters, digits, '_', '.' and '-'");
        rule("interface name not dot-dot", HEAD + "'namespaces':{'r':{}},'veths':[{'a':{'namespace':'r','name':'..'},"
                + "'b':{'namespace':'r','name':'e1'}}]}",
                "t.nslab.json:1:87 /veths/0/a/name: \"..\" is not a valid interface name: \".\" and \"..\" are reserved");
        rule("interface name not lo", HEAD + "'namespaces':{'r':{}},'veths':[{'a':{'namespace':'r','name':'lo'},"
                + "'b':{'namespace':'r','name':'e1'}}]}",
                "t.nslab.json:1:87 /veths/0/a/name: \"lo\" is the loopback interface every namespace already has; choose another name");
        rule("bridge id as interface name", HEAD + "'bridges':{'a-very-long-bridge':{}}}",
                "t.nslab.json:1:45 /bridges/a-very-long-bridge: \"a-very-long-bridge\" is 18 characters; interface names hold at most 15 (a bridge without \"ifname\" takes its id as interface name)");
        rule("interface names unique per namespace", HEAD + "'namespaces':{'r':{}},'veths':[{'a':{'namespace':'r','name':'e0'},"
                + "'b':{'namespace':'r','name':'e0'}}]}",
                "t.nslab.json:1:121 /veths/0/b/name: interface \"e0\" already exists in namespace \"r\" (/veths/0/a/name); interface names are unique within a namespace");
        rule("bridge and veth end share a name", HEAD + "'bridges':{'br':{}},'veths':[{'a':{'name':'br','bridge':'br'},"
                + "'b':{'namespace':'host','name':'x1'}}]}",
                "t.nslab.json:1:69 /veths/0/a/name: interface \"br\" already exists in namespace \"host\" (/bridges/br); interface names are unique within a namespace");
        // References
        rule("veth end needs a place", HEAD + "'veths':[{'a':{'name':'e0'},'b':{'namespace':'host','name':'e1'}}]}",
                "t.nslab.json:1:44 /veths/0/a: names neither \"namespace\" nor \"bridge\"; expected exactly one of them");
        rule("veth end has one place only", HEAD + "'bridges':{'br':{}},'veths':[{'a':{'name':'e0','namespace':'host','bridge':'br'},"
                + "'b':{'namespace':'host','name':'e1'}}]}",
                "t.nslab.json:1:64 /veths/0/a: names both \"namespace\" and \"bridge\"; a veth end is either in a namespace or a port of a bridge (which puts it in the bridge's namespace)");
        rule("veth end namespace exists", HEAD + "'namespaces':{'red':{}},'veths':[{'a':{'name':'e0','namespace':'rde'},"
                + "'b':{'namespace':'red','name':'e1'}}]}",
                "t.nslab.json:1:85 /veths/0/a/namespace: namespace \"rde\" does not exist (did you mean \"red\"?); expected \"host\" or one of the design's namespaces: red");
        rule("veth end bridge exists", HEAD + "'veths':[{'a':{'name':'e0','bridge':'br0'},'b':{'namespace':'host','name':'e1'}}]}",
                "t.nslab.json:1:61 /veths/0/a/bridge: bridge \"br0\" does not exist");
        rule("veth needs both ends", HEAD + "'veths':[{'a':{'name':'e0','namespace':'host'}}]}",
                "t.nslab.json:1:43 /veths/0/b: missing \"b\"; a veth pair has two ends, \"a\" and \"b\"");
        rule("veth end needs a name", HEAD + "'veths':[{'a':{'namespace':'host'},'b':{'namespace':'host','name':'e1'}}]}",
                "t.nslab.json:1:44 /veths/0/a/name: missing \"name\"; a veth end needs an interface name");
        rule("bridge namespace exists", HEAD + "'bridges':{'br':{'namespace':'nowhere'}}}",
                "t.nslab.json:1:51 /bridges/br/namespace: namespace \"nowhere\" does not exist; expected \"host\" or one of the design's namespaces");
        rule("TUN namespace exists", HEAD + "'tuns':{'t0':{'namespace':'nowhere','mode':'tun'}}}",
                "t.nslab.json:1:48 /tuns/t0/namespace: namespace \"nowhere\" does not exist; expected \"host\" or one of the design's namespaces");
        rule("TUN mode required", HEAD + "'tuns':{'t0':{}}}",
                "t.nslab.json:1:42 /tuns/t0/mode: missing \"mode\"; expected \"tun\" or \"tap\"");
        rule("TUN mode values", HEAD + "'tuns':{'t0':{'mode':'TUN'}}}",
                "t.nslab.json:1:48 /tuns/t0/mode: \"TUN\" is not a device mode; expected \"tun\" or \"tap\"");
        rule("TUN owner syntax", HEAD + "'tuns':{'t0':{'mode':'tun','owner':'Alice Smith'}}}",
                "t.nslab.json:1:61 /tuns/t0/owner: \"Alice Smith\" is not a user name or number: expected a name such as \"alice\" (lowercase letters, digits, '_', '-', at most 32) or a numeric id");
        rule("TUN group number range", HEAD + "'tuns':{'t0':{'mode':'tun','group':4294967295}}}",
                "t.nslab.json:1:61 /tuns/t0/group: group id 4294967295 is outside 0..4294967294");
        // Link properties
        rule("MAC syntax", HEAD + "'veths':[{'a':{'namespace':'host','name':'e0','mac':'02:00:00:00:01'},'b':{'namespace':'host','name':'e1'}}]}",
                "t.nslab.json:1:80 /veths/0/a/mac: \"02:00:00:00:01\" is not a MAC address; expected six hex pairs such as 02:00:00:00:01:02");
        rule("MAC must be unicast", HEAD + "'veths':[{'a':{'namespace':'host','name':'e0','mac':'01:00:5e:00:00:01'},'b':{'namespace':'host','name':'e1'}}]}",
                "t.nslab.json:1:80 /veths/0/a/mac: \"01:00:5e:00:00:01\" is a multicast MAC address (lowest bit of the first byte set); an interface needs a unicast one, e.g. 02:...");
        rule("MAC not zero", HEAD + "'veths':[{'a':{'namespace':'host','name':'e0','mac':'00:00:00:00:00:00'},'b':{'namespace':'host','name':'e1'}}]}",
                "t.nslab.json:1:80 /veths/0/a/mac: \"00:00:00:00:00:00\" is the zero MAC address, which no interface can take");
        rule("MTU range", HEAD + "'bridges':{'br':{'mtu':67}}}",
                "t.nslab.json:1:51 /bridges/br/mtu: MTU 67 is outside 68..65535");
        rule("addresses are CIDRs", HEAD + "'bridges':{'br':{'addresses':['10.0.0.1']}}}",
                "t.nslab.json:1:64 /bridges/br/addresses/0: \"10.0.0.1\" has no prefix length; expected an interface address with prefix length, e.g. 10.0.1.2/24 or fd00::2/64");
        rule("address syntax", HEAD + "'bridges':{'br':{'addresses':['10.0.0.256/24']}}}",
                "t.nslab.json:1:64 /bridges/br/addresses/0: \"10.0.0.256/24\" is not a CIDR: \"10.0.0.256\" is not an IPv4 or IPv6 address; expected an interface address with prefix length, e.g. 10.0.1.2/24 or fd00::2/64");
        rule("prefix length range", HEAD + "'bridges':{'br':{'addresses':['fd00::1/129']}}}",
                "t.nslab.json:1:64 /bridges/br/addresses/0: \"fd00::1/129\" has prefix length \"129\"; IPv6 prefixes are 0..128; expected an interface address with prefix length, e.g. 10.0.1.2/24 or fd00::2/64");
        rule("address must be unicast", HEAD + "'bridges':{'br':{'addresses':['224.0.0.1/4']}}}",
                "t.nslab.json:1:64 /bridges/br/addresses/0: \"224.0.0.1/4\" cannot be an interface address (it is a multicast address); expected a unicast address");
        rule("address unique in a namespace", HEAD + "'bridges':{'b1':{'addresses':['10.0.0.1/24']},'b2':{'addresses':['10.0.0.1/16']}}}",
                "t.nslab.json:1:99 /bridges/b2/addresses/0: address 10.0.0.1 is already assigned in namespace \"host\" (/bridges/b1/addresses/0); an address belongs to one interface of a namespace");
        // Sysctls
        rule("sysctls only under net", HEAD + "'namespaces':{'r':{'sysctls':{'kernel.panic':'1'}}}}",
                "t.nslab.json:1:64 /namespaces/r/sysctls/kernel.panic: \"kernel.panic\" is not a per-namespace sysctl; only keys under \"net.\" may be set (others change the whole machine)");
        rule("sysctl key syntax", HEAD + "'namespaces':{'r':{'sysctls':{'net.ipv4..ip_forward':'1'}}}}",
                "t.nslab.json:1:64 /namespaces/r/sysctls/net.ipv4..ip_forward: \"net.ipv4..ip_forward\" is not a valid sysctl key: expected dot-separated names of letters, digits, '_' or '-' after \"net.\", such as net.ipv4.ip_forward");
        rule("sysctl key has no slash", HEAD + "'namespaces':{'r':{'sysctls':{'net.ipv4/ip_forward':'1'}}}}",
                "t.nslab.json:1:64 /namespaces/r/sysctls/net.ipv4~1ip_forward: \"net.ipv4/ip_forward\" is not a valid sysctl key: expected dot-separated names of letters, digits, '_' or '-' after \"net.\", such as net.ipv4.ip_forward");
        rule("sysctl value without control characters", HEAD + "'namespaces':{'r':{'sysctls':{'net.ipv4.ip_forward':'1\\n'}}}}",
                "t.nslab.json:1:64 /namespaces/r/sysctls/net.ipv4.ip_forward: contains a control character (U+000A) at position 2; values in a design may not contain newlines, tabs, NUL or other control characters");
        rule("sysctl value not empty", HEAD + "'namespaces':{'r':{'sysctls':{'net.ipv4.ip_forward':''}}}}",
                "t.nslab.json:1:64 /namespaces/r/sysctls/net.ipv4.ip_forward: the value is empty; expected the text to write, e.g. \"1\"");
        // Routes
        rule("route to is required", HEAD + "'namespaces':{'r':{'routes':[{'dev':'e0'}]}}," + R + "}",
                "t.nslab.json:1:63 /namespaces/r/routes/0/to: missing \"to\"; expected \"default\" or a network such as 10.9.0.0/16");
        rule("route to is default or CIDR", HEAD + "'namespaces':{'r':{'routes':[{'to':'10.9.0.0','dev':'e0'}]}}," + R + "}",
                "t.nslab.json:1:64 /namespaces/r/routes/0/to: \"10.9.0.0\" has no prefix length; expected \"default\" or a network such as 10.9.0.0/16");
        rule("route to has no host bits", HEAD + "'namespaces':{'r':{'routes':[{'to':'10.9.0.1/16','dev':'e0'}]}}," + R + "}",
                "t.nslab.json:1:64 /namespaces/r/routes/0/to: \"10.9.0.1/16\" has host bits set; the network is 10.9.0.0/16 (the kernel refuses a route to anything else)");
        rule("route needs via or dev", HEAD + "'namespaces':{'r':{'routes':[{'to':'default'}]}}," + R + "}",
                "t.nslab.json:1:63 /namespaces/r/routes/0: a route needs \"via\" (a gateway address), \"dev\" (an interface of this namespace) or both");
        rule("route dev is an interface of the namespace", HEAD + "'namespaces':{'r':{'routes':[{'to':'default','dev':'e2'}]}}," + R + "}",
                "t.nslab.json:1:79 /namespaces/r/routes/0/dev: namespace \"r\" has no interface \"e2\" (did you mean \"e0\"?); expected an interface of this namespace: e0, e1");
        rule("route via is an address", HEAD + "'namespaces':{'r':{'routes':[{'to':'default','via':'10.0.0.0/24'}]}}," + R + "}",
                "t.nslab.json:1:79 /namespaces/r/routes/0/via: \"10.0.0.0/24\" is not an IPv4 or IPv6 address; a gateway is a single address such as 10.0.1.1 (no prefix length)");
        rule("route via in a connected subnet", HEAD + "'namespaces':{'r':{'routes':[{'to':'default','via':'10.1.0.1'}]}}," + R + "}",
                "t.nslab.json:1:79 /namespaces/r/routes/0/via: gateway 10.1.0.1 is not in a subnet of an address of namespace \"r\"; the kernel can only reach a gateway on a connected subnet");
        rule("route via in a subnet of dev", HEAD + "'namespaces':{'r':{'routes':[{'to':'default','via':'10.0.0.9','dev':'e1'}]}}," + R + "}",
                "t.nslab.json:1:79 /namespaces/r/routes/0/via: gateway 10.0.0.9 is not in a subnet of an address on \"e1\"; the kernel can only reach a gateway on a connected subnet");
        rule("route via is not our own address", HEAD + "'namespaces':{'r':{'routes':[{'to':'default','via':'10.0.0.1'}]}}," + R + "}",
                "t.nslab.json:1:79 /namespaces/r/routes/0/via: gateway 10.0.0.1 is this namespace's own address on \"e0\"; expected a neighbour's address");
        rule("no IPv6 route over a bridge port", HEAD + "'namespaces':{'r':{'routes':[{'to':'fd00:1::/64','dev':'p0'}]}},'bridges':{'br0':{'namespace':'r'}},"
                        + "'veths':[{'a':{'bridge':'br0','name':'p0'},'b':{'namespace':'r','name':'e0'}}]}",
                "t.nslab.json:1:83 /namespaces/r/routes/0/dev: \"p0\" is a bridge port, which has no IPv6 of its own (nslab switches it off on "
                        + "ports; the bridge carries it); route through the bridge instead");
        rule("route via family matches to", HEAD + "'namespaces':{'r':{'routes':[{'to':'fd00::/64','via':'10.0.0.9'}]}}," + R + "}",
                "t.nslab.json:1:81 /namespaces/r/routes/0/via: gateway 10.0.0.9 is IPv4 but the destination \"fd00::/64\" is IPv6; both must be of one family");
        rule("link-local via needs dev", HEAD + "'namespaces':{'r':{'routes':[{'to':'::/0','via':'fe80::1'}]}}," + R + "}",
                "t.nslab.json:1:76 /namespaces/r/routes/0/via: gateway fe80::1 is an IPv6 link-local address, which is only meaningful with \"dev\"");
        rule("route metric not negative", HEAD + "'namespaces':{'r':{'routes':[{'to':'default','dev':'e0','metric':-1}]}}," + R + "}",
                "t.nslab.json:1:90 /namespaces/r/routes/0/metric: metric -1 is negative; expected 0 or more");
        rule("routes not duplicated", HEAD + "'namespaces':{'r':{'routes':[{'to':'default','dev':'e0'},{'to':'default','via':'10.0.0.9'}]}}," + R + "}",
                "t.nslab.json:1:91 /namespaces/r/routes/1: the same destination with the same metric is already routed at /namespaces/r/routes/0; the kernel keeps one such route (give one a different metric)");
        // Firewall: tables, chains, policies
        rule("firewall tables are known", fw("{'filtr':{}}"),
                "t.nslab.json:1:65 /namespaces/r/firewall/filtr: unknown table \"filtr\" (did you mean \"filter\"?); tables are raw, mangle, nat, filter");
        rule("built-in chains per table", fw("{'raw':{'INPUT':{}}}"),
                "t.nslab.json:1:72 /namespaces/r/firewall/raw/INPUT: \"INPUT\" is not a built-in chain of raw (its built-in chains are PREROUTING, OUTPUT), and built-in names cannot name user chains");
        rule("user chain name syntax", fw("{'filter':{'my chain':{}}}"),
                "t.nslab.json:1:75 /namespaces/r/firewall/filter/my chain: \"my chain\" is not a valid chain name: expected a letter followed by up to 27 letters, digits, '_' or '-'");
        rule("user chain not named like a target", fw("{'filter':{'ACCEPT':{}}}"),
                "t.nslab.json:1:75 /namespaces/r/firewall/filter/ACCEPT: \"ACCEPT\" is a target and cannot name a user chain");
        rule("policy only ACCEPT or DROP", fw("{'filter':{'INPUT':{'policy':'REJECT'}}}"),
                "t.nslab.json:1:84 /namespaces/r/firewall/filter/INPUT/policy: \"REJECT\" is not a policy; expected \"ACCEPT\" or \"DROP\"");
        rule("policy only in filter mangle raw", fw("{'nat':{'PREROUTING':{'policy':'ACCEPT'}}}"),
                "t.nslab.json:1:86 /namespaces/r/firewall/nat/PREROUTING/policy: chains of table nat take no policy (only filter, mangle and raw chains do)");
        rule("policy only on built-in chains", fw("{'filter':{'mine':{'policy':'DROP'}}}"),
                "t.nslab.json:1:83 /namespaces/r/firewall/filter/mine/policy: user chain \"mine\" cannot have a policy; a packet that reaches its end returns to the calling chain");
        rule("host policies are never changed", HEAD + "'namespaces':{'host':{'firewall':{'filter':{'INPUT':{'policy':'DROP'}}}}}}",
                "t.nslab.json:1:87 /namespaces/host/firewall/filter/INPUT/policy: a design never changes the policies of host, which belong to the machine; end the chain with a DROP rule instead (it goes into the lab's own chain)");
        // Firewall: rules
        rule("rule target is required", fwRule("{'proto':'tcp'}"),
                "t.nslab.json:1:95 /namespaces/r/firewall/filter/FORWARD/rules/0/target: missing \"target\"; expected ACCEPT, DROP, REJECT, RETURN, LOG, MASQUERADE, SNAT, DNAT, REDIRECT, MARK or a user chain of table filter");
        rule("target is known or a user chain", fwRule("{'target':'ACCPET'}"),
                "t.nslab.json:1:96 /namespaces/r/firewall/filter/FORWARD/rules/0/target: \"ACCPET\" is neither a target nor a user chain of table filter (did you mean \"ACCEPT\"?); expected ACCEPT, DROP, REJECT, RETURN, LOG, MASQUERADE, SNAT, DNAT, REDIRECT, MARK");
        rule("jump only to a user chain of the same table", fw("{'filter':{'FORWARD':{'rules':[{'target':'mine'}]}},'mangle':{'mine':{}}}"),
                "t.nslab.json:1:96 /namespaces/r/firewall/filter/FORWARD/rules/0/target: \"mine\" is a user chain of table mangle; a rule may only jump to user chains of its own table (filter)");
        rule("no jump to a built-in chain", fwRule("{'target':'INPUT'}"),
                "t.nslab.json:1:96 /namespaces/r/firewall/filter/FORWARD/rules/0/target: a rule cannot jump to the built-in chain INPUT; expected a target or a user chain of table filter");
        rule("jump loops are named", fw("{'filter':{'a':{'rules':[{'target':'b'}]},'b':{'rules':[{'target':'a'}]}}}"),
                "t.nslab.json:1:121 /namespaces/r/firewall/filter/b/rules/0/target: jump loop: a → b → a; a chain may not be re-entered through its own jumps");
        rule("proto values", fwRule("{'proto':'tpc','target':'ACCEPT'}"),
                "t.nslab.json:1:96 /namespaces/r/firewall/filter/FORWARD/rules/0/proto: \"tpc\" is not a protocol (did you mean \"tcp\"?); expected \"tcp\", \"udp\", \"icmp\", \"all\" or a protocol number 0..255");
        rule("proto number range", fwRule("{'proto':256,'target':'ACCEPT'}"),
                "t.nslab.json:1:96 /namespaces/r/firewall/filter/FORWARD/rules/0/proto: protocol number 256 is outside 0..255");
        rule("icmpv6 only in firewall6", fwRule("{'proto':'icmpv6','target':'ACCEPT'}"),
                "t.nslab.json:1:96 /namespaces/r/firewall/filter/FORWARD/rules/0/proto: \"icmpv6\" is IPv6's ICMP; in firewall (IPv4) use \"icmp\"");
        rule("icmp not in firewall6", fw6("{'filter':{'INPUT':{'rules':[{'proto':'icmp','target':'ACCEPT'}]}}}"),
                "t.nslab.json:1:95 /namespaces/r/firewall6/filter/INPUT/rules/0/proto: \"icmp\" is IPv4's ICMP; in firewall6 use \"icmpv6\"");
        rule("ports need tcp or udp", fwRule("{'dport':80,'target':'ACCEPT'}"),
                "t.nslab.json:1:96 /namespaces/r/firewall/filter/FORWARD/rules/0/dport: a port match needs \"proto\" tcp or udp; this rule has no \"proto\"");
        rule("port syntax", fwRule("{'proto':'tcp','sport':'http','target':'ACCEPT'}"),
                "t.nslab.json:1:110 /namespaces/r/firewall/filter/FORWARD/rules/0/sport: \"http\" is not a port; expected a number 0..65535 or a range \"low:high\" such as \"8000:8080\"");
        rule("port range order", fwRule("{'proto':'tcp','dport':'90:80','target':'ACCEPT'}"),
                "t.nslab.json:1:110 /namespaces/r/firewall/filter/FORWARD/rules/0/dport: range \"90:80\" starts above its end; expected \"80:90\"");
        rule("port range limit", fwRule("{'proto':'udp','dport':65536,'target':'ACCEPT'}"),
                "t.nslab.json:1:110 /namespaces/r/firewall/filter/FORWARD/rules/0/dport: \"65536\" is outside the port numbers 0..65535");
        rule("negated proto cannot carry ports", fwRule("{'proto':'tcp','dport':80,'not':['proto'],'target':'ACCEPT'}"),
                "t.nslab.json:1:110 /namespaces/r/firewall/filter/FORWARD/rules/0/dport: a port match needs a \"proto\" of tcp or udp that is not negated; this rule has \"tcp\"");
        rule("negated proto all matches nothing", fwRule("{'proto':'all','not':['proto'],'target':'LOG'}"),
                "t.nslab.json:1:117 /namespaces/r/firewall/filter/FORWARD/rules/0/not/0: \"proto\": \"all\" matches every packet, so negated it would match none; remove \"proto\" from \"not\" (or the rule)");
        rule("negated any address matches nothing", fwRule("{'destination':'0.0.0.0/0','not':['destination'],'target':'RETURN'}"),
                "t.nslab.json:1:129 /namespaces/r/firewall/filter/FORWARD/rules/0/not/0: \"destination\": \"0.0.0.0/0\" matches every address, so negated it would match none; remove \"destination\" from \"not\" (or the rule)");
        rule("state values", fwRule("{'state':['NEW','ESTABLISHD'],'target':'ACCEPT'}"),
                "t.nslab.json:1:111 /namespaces/r/firewall/filter/FORWARD/rules/0/state/1: \"ESTABLISHD\" is not a connection state (did you mean \"ESTABLISHED\"?); expected NEW, ESTABLISHED, RELATED, INVALID, UNTRACKED");
        rule("state listed once", fwRule("{'state':['NEW','NEW'],'target':'ACCEPT'}"),
                "t.nslab.json:1:111 /namespaces/r/firewall/filter/FORWARD/rules/0/state/1: \"NEW\" is listed twice");
        rule("icmpType needs icmp", fwRule("{'proto':'tcp','icmpType':'echo-request','target':'ACCEPT'}"),
                "t.nslab.json:1:110 /namespaces/r/firewall/filter/FORWARD/rules/0/icmpType: an ICMP type needs \"proto\": \"icmp\"; this rule has \"tcp\"");
        rule("icmpType needs icmpv6 in firewall6", fw6("{'filter':{'INPUT':{'rules':[{'icmpType':'echo-request','target':'ACCEPT'}]}}}"),
                "t.nslab.json:1:95 /namespaces/r/firewall6/filter/INPUT/rules/0/icmpType: an ICMP type needs \"proto\": \"icmpv6\"; this rule has no \"proto\"");
        rule("icmpType values", fwRule("{'proto':'icmp','icmpType':'echo','target':'ACCEPT'}"),
                "t.nslab.json:1:111 /namespaces/r/firewall/filter/FORWARD/rules/0/icmpType: \"echo\" is not an ICMP type; expected a name such as \"echo-request\" or a number type[/code] 0..255");
        rule("not lists known fields", fwRule("{'not':['target'],'target':'ACCEPT'}"),
                "t.nslab.json:1:103 /namespaces/r/firewall/filter/FORWARD/rules/0/not/0: \"target\" cannot be negated; expected one of proto, source, destination, in, out, sport, dport, state, icmpType");
        rule("not lists set fields", fwRule("{'not':['source'],'target':'ACCEPT'}"),
                "t.nslab.json:1:103 /namespaces/r/firewall/filter/FORWARD/rules/0/not/0: \"source\" is negated but not set in this rule; \"not\" lists fields of the rule that are negated");
        rule("source is an address or CIDR", fwRule("{'source':'10.0.0.300','target':'ACCEPT'}"),
                "t.nslab.json:1:96 /namespaces/r/firewall/filter/FORWARD/rules/0/source: \"10.0.0.300\" is not an IPv4 or IPv6 address; expected an address or CIDR such as 10.0.1.0/24");
        rule("firewall holds IPv4 addresses", fwRule("{'destination':'fd00::1','target':'ACCEPT'}"),
                "t.nslab.json:1:96 /namespaces/r/firewall/filter/FORWARD/rules/0/destination: \"fd00::1\" is IPv6; firewall holds IPv4 rules (IPv6 ones go in firewall6)");
        rule("firewall6 holds IPv6 addresses", fw6("{'filter':{'INPUT':{'rules':[{'source':'10.0.0.1','target':'ACCEPT'}]}}}"),
                "t.nslab.json:1:95 /namespaces/r/firewall6/filter/INPUT/rules/0/source: \"10.0.0.1\" is IPv4; firewall6 holds IPv6 rules (IPv4 ones go in firewall)");
        rule("in is an interface match", fwRule("{'in':'eth 0','target':'ACCEPT'}"),
                "t.nslab.json:1:96 /namespaces/r/firewall/filter/FORWARD/rules/0/in: \"eth 0\" is not a valid interface name: use only letters, digits, '_', '.' and '-'");
        rule("plus alone is not a match", fwRule("{'out':'+','target':'ACCEPT'}"),
                "t.nslab.json:1:96 /namespaces/r/firewall/filter/FORWARD/rules/0/out: \"+\" matches every interface; leave the field out instead");
        rule("no out in INPUT", fw("{'filter':{'INPUT':{'rules':[{'out':'e0','target':'ACCEPT'}]}}}"),
                "t.nslab.json:1:94 /namespaces/r/firewall/filter/INPUT/rules/0/out: \"out\" cannot be matched in INPUT (packets there have no output interface yet)");
        rule("no in in OUTPUT", fw("{'filter':{'OUTPUT':{'rules':[{'in':'e0','target':'ACCEPT'}]}}}"),
                "t.nslab.json:1:95 /namespaces/r/firewall/filter/OUTPUT/rules/0/in: \"in\" cannot be matched in OUTPUT (packets there have no input interface yet)");
        rule("target option only with its target", fwRule("{'target':'ACCEPT','toSource':'10.0.0.1'}"),
                "t.nslab.json:1:114 /namespaces/r/firewall/filter/FORWARD/rules/0/toSource: \"toSource\" belongs to target SNAT; this rule's target is \"ACCEPT\"");
        rule("SNAT needs toSource", fw("{'nat':{'POSTROUTING':{'rules':[{'target':'SNAT'}]}}}"),
                "t.nslab.json:1:96 /namespaces/r/firewall/nat/POSTROUTING/rules/0/toSource: missing \"toSource\"; SNAT needs the address to write, e.g. \"203.0.113.1\"");
        rule("DNAT needs toDestination", fw("{'nat':{'PREROUTING':{'rules':[{'target':'DNAT'}]}}}"),
                "t.nslab.json:1:95 /namespaces/r/firewall/nat/PREROUTING/rules/0/toDestination: missing \"toDestination\"; DNAT needs the address to send to, e.g. \"10.0.2.2:80\"");
        rule("MARK needs setMark", fw("{'mangle':{'PREROUTING':{'rules':[{'target':'MARK'}]}}}"),
                "t.nslab.json:1:98 /namespaces/r/firewall/mangle/PREROUTING/rules/0/setMark: missing \"setMark\"; MARK needs the mark to set, e.g. \"0x1\" or \"0x1/0xff\"");
        rule("NAT address syntax", fw("{'nat':{'PREROUTING':{'rules':[{'target':'DNAT','toDestination':'10.0.0.x'}]}}}"),
                "t.nslab.json:1:112 /namespaces/r/firewall/nat/PREROUTING/rules/0/toDestination: \"10.0.0.x\" is not an address or range; expected e.g. \"10.0.2.2:80\"");
        rule("NAT port needs tcp or udp", fw("{'nat':{'PREROUTING':{'rules':[{'target':'DNAT','toDestination':'10.0.0.2:80'}]}}}"),
                "t.nslab.json:1:112 /namespaces/r/firewall/nat/PREROUTING/rules/0/toDestination: a port in \"10.0.0.2:80\" needs \"proto\" tcp or udp");
        rule("NAT address family", fw6("{'nat':{'PREROUTING':{'rules':[{'target':'DNAT','toDestination':'10.0.0.2'}]}}}"),
                "t.nslab.json:1:113 /namespaces/r/firewall6/nat/PREROUTING/rules/0/toDestination: \"10.0.0.2\" is IPv4; this firewall is IPv6");
        rule("toPorts needs tcp or udp", fw("{'nat':{'POSTROUTING':{'rules':[{'target':'MASQUERADE','toPorts':'1024:2048'}]}}}"),
                "t.nslab.json:1:119 /namespaces/r/firewall/nat/POSTROUTING/rules/0/toPorts: \"toPorts\" needs \"proto\" tcp or udp");
        rule("rejectWith values", fwRule("{'target':'REJECT','rejectWith':'icmp6-no-route'}"),
                "t.nslab.json:1:114 /namespaces/r/firewall/filter/FORWARD/rules/0/rejectWith: \"icmp6-no-route\" is not a REJECT reply; expected icmp-net-unreachable, icmp-host-unreachable, icmp-port-unreachable, icmp-proto-unreachable, icmp-net-prohibited, icmp-host-prohibited, icmp-admin-prohibited, tcp-reset");
        rule("tcp-reset needs tcp", fwRule("{'target':'REJECT','rejectWith':'tcp-reset'}"),
                "t.nslab.json:1:114 /namespaces/r/firewall/filter/FORWARD/rules/0/rejectWith: \"tcp-reset\" needs \"proto\": \"tcp\"");
        rule("logPrefix length", fwRule("{'target':'LOG','logPrefix':'" + "p".repeat(30) + "'}"),
                "t.nslab.json:1:111 /namespaces/r/firewall/filter/FORWARD/rules/0/logPrefix: a log prefix is 30 characters; at most 29");
        rule("setMark syntax", fw("{'mangle':{'PREROUTING':{'rules':[{'target':'MARK','setMark':'0x1/0xfffffffff'}]}}}"),
                "t.nslab.json:1:115 /namespaces/r/firewall/mangle/PREROUTING/rules/0/setMark: \"0x1/0xfffffffff\" is not a mark; expected a 32-bit value, optionally with a mask, e.g. \"0x1\" or \"0x1/0xff\"");
        rule("MASQUERADE only in nat POSTROUTING", fw("{'nat':{'PREROUTING':{'rules':[{'target':'MASQUERADE'}]}}}"),
                "t.nslab.json:1:96 /namespaces/r/firewall/nat/PREROUTING/rules/0/target: MASQUERADE is only allowed in table nat (POSTROUTING); this rule is in PREROUTING");
        rule("SNAT only in nat", fwRule("{'target':'SNAT','toSource':'10.0.0.1'}"),
                "t.nslab.json:1:96 /namespaces/r/firewall/filter/FORWARD/rules/0/target: SNAT is only allowed in table nat (INPUT, POSTROUTING); this rule is in table filter");
        rule("DNAT only in nat PREROUTING and OUTPUT", fw("{'nat':{'POSTROUTING':{'rules':[{'target':'DNAT','toDestination':'10.0.0.2'}]}}}"),
                "t.nslab.json:1:97 /namespaces/r/firewall/nat/POSTROUTING/rules/0/target: DNAT is only allowed in table nat (PREROUTING, OUTPUT); this rule is in POSTROUTING");
        rule("REDIRECT only in nat PREROUTING and OUTPUT", fw("{'nat':{'INPUT':{'rules':[{'target':'REDIRECT'}]}}}"),
                "t.nslab.json:1:91 /namespaces/r/firewall/nat/INPUT/rules/0/target: REDIRECT is only allowed in table nat (PREROUTING, OUTPUT); this rule is in INPUT");
        rule("MARK only in mangle", fwRule("{'target':'MARK','setMark':'1'}"),
                "t.nslab.json:1:96 /namespaces/r/firewall/filter/FORWARD/rules/0/target: MARK is only allowed in table mangle (PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING); this rule is in table filter");
        rule("REJECT only in filter", fw("{'mangle':{'INPUT':{'rules':[{'target':'REJECT'}]}}}"),
                "t.nslab.json:1:94 /namespaces/r/firewall/mangle/INPUT/rules/0/target: REJECT is only allowed in table filter (INPUT, FORWARD, OUTPUT); this rule is in table mangle");
        rule("DROP not in nat", fw("{'nat':{'PREROUTING':{'rules':[{'target':'DROP'}]}}}"),
                "t.nslab.json:1:96 /namespaces/r/firewall/nat/PREROUTING/rules/0/target: DROP is not allowed in table nat, which only translates addresses; filter in table filter instead");
        rule("restricted target in a user chain follows its callers", fw("{'nat':{'POSTROUTING':{'rules':[{'target':'pub'}]},"
                + "'pub':{'rules':[{'target':'DNAT','toDestination':'10.0.0.2'}]}}}"),
                "t.nslab.json:1:132 /namespaces/r/firewall/nat/pub/rules/0/target: DNAT is only allowed in table nat (PREROUTING, OUTPUT); chain \"pub\" is reached from POSTROUTING");
        rule("comment length", fwRule("{'target':'ACCEPT','comment':'" + "c".repeat(201) + "'}"),
                "t.nslab.json:1:114 /namespaces/r/firewall/filter/FORWARD/rules/0/comment: a comment is 201 characters; at most 200");
        rule("comment without quotes", fwRule("{'target':'ACCEPT','comment':'it\\u0027s'}"),
                "t.nslab.json:1:114 /namespaces/r/firewall/filter/FORWARD/rules/0/comment: a comment may not contain quotes or backslashes (found ' at position 3)");
        rule("comment without backslashes", fwRule("{'target':'ACCEPT','comment':'a\\\\b'}"),
                "t.nslab.json:1:114 /namespaces/r/firewall/filter/FORWARD/rules/0/comment: a comment may not contain quotes or backslashes (found \\ at position 2)");
        rule("comment is printable ASCII", fwRule("{'target':'ACCEPT','comment':'caf\u00e9'}"),
                "t.nslab.json:1:114 /namespaces/r/firewall/filter/FORWARD/rules/0/comment: a comment holds printable ASCII only (found \"é\" at position 4)");
        rule("comment without control characters", fwRule("{'target':'ACCEPT','comment':'a\\tb'}"),
                "t.nslab.json:1:114 /namespaces/r/firewall/filter/FORWARD/rules/0/comment: contains a control character (U+0009) at position 2; values in a design may not contain newlines, tabs, NUL or other control characters");
        // Checks
        rule("check from is required", HEAD + "'checks':[{'to':'10.0.0.1','expect':'reach'}]}",
                "t.nslab.json:1:44 /checks/0/from: missing \"from\"; expected the namespace the check starts in");
        rule("check from is a namespace", HEAD + "'checks':[{'from':'red','to':'10.0.0.1','expect':'reach'}]}",
                "t.nslab.json:1:45 /checks/0/from: namespace \"red\" does not exist; expected \"host\" or one of the design's namespaces");
        rule("check to is an address", HEAD + "'checks':[{'from':'host','to':'10.0.0.0/24','expect':'reach'}]}",
                "t.nslab.json:1:59 /checks/0/to: \"10.0.0.0/24\" is a prefix; expected one address such as 10.0.2.2");
        rule("check proto values", HEAD + "'checks':[{'from':'host','to':'10.0.0.1','proto':'sctp','expect':'reach'}]}",
                "t.nslab.json:1:75 /checks/0/proto: \"sctp\" is not a check protocol; expected \"icmp\" (the default), \"tcp\" or \"udp\"");
        rule("check port needed for tcp", HEAD + "'namespaces':{'r':{}}," + R + ",'checks':[{'from':'host','to':'10.0.0.1','proto':'tcp','expect':'reach'}]}",
                "t.nslab.json:1:174 /checks/0/port: missing \"port\"; a tcp check needs the port to try, 1..65535");
        rule("check port only for tcp and udp", HEAD + "'checks':[{'from':'host','to':'10.0.0.1','port':80,'expect':'reach'}]}",
                "t.nslab.json:1:75 /checks/0/port: an icmp check has no port; use \"proto\": \"tcp\" or \"udp\" to test a port");
        rule("check port range", HEAD + "'namespaces':{'r':{}}," + R + ",'checks':[{'from':'host','to':'10.0.0.1','proto':'udp','port':0,'expect':'reach'}]}",
                "t.nslab.json:1:219 /checks/0/port: port 0 is outside 1..65535");
        rule("check tcp target is owned by the design", HEAD + "'checks':[{'from':'host','to':'10.0.0.1','proto':'tcp','port':80,'expect':'reach'}]}",
                "t.nslab.json:1:59 /checks/0/to: no interface of the design has address 10.0.0.1; a tcp check listens in the namespace that owns the address");
        rule("check expect values", HEAD + "'checks':[{'from':'host','to':'10.0.0.1','expect':'reachable'}]}",
                "t.nslab.json:1:75 /checks/0/expect: \"reachable\" is not an expectation; expected \"reach\" or \"blocked\"");
        rule("check expect is required", HEAD + "'checks':[{'from':'host','to':'10.0.0.1'}]}",
                "t.nslab.json:1:44 /checks/0/expect: missing \"expect\"; expected \"reach\" or \"blocked\"");
        // Layout
        rule("layout keys are node ids", HEAD + "'namespaces':{'red':{}},'layout':{'rde':{'x':1,'y':2}}}",
                "t.nslab.json:1:68 /layout/rde: no namespace, bridge or TUN device has id \"rde\" (did you mean \"red\"?); layout keys are node ids: host, red");
        rule("layout position needs x and y", HEAD + "'layout':{'host':{'x':1}}}",
                "t.nslab.json:1:44 /layout/host/y: missing \"y\"; a position needs both \"x\" and \"y\"");
    }
}
