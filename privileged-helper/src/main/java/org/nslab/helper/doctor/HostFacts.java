package org.nslab.helper.doctor;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What the doctor reads from the host, gathered in the calling thread's network namespace (so a test can
 * gather inside a namespace it made). Fields are null where the host would not tell (a tool missing, not root).
 */
public record HostFacts(
        Map<String, Path> tools,
        String iptablesVersion,
        String iptablesSave,
        String ip6tablesSave,
        String legacySave,
        String nftSave,
        String bridgeNfCallIptables,
        String bridgeNfCallIp6tables,
        String ipv6Forwarding,
        List<HostRoute> routes,
        boolean tunDevice,
        boolean root,
        String user,
        boolean groupExists,
        boolean userInGroup,
        boolean helperReachable,
        Path helperSocket,
        String netemMissing) {

    /** Facts of a host that can make netem qdiscs. */
    public HostFacts(Map<String, Path> tools, String iptablesVersion, String iptablesSave, String ip6tablesSave, String legacySave,
                     String nftSave, String bridgeNfCallIptables, String bridgeNfCallIp6tables, String ipv6Forwarding,
                     List<HostRoute> routes, boolean tunDevice, boolean root, String user, boolean groupExists, boolean userInGroup,
                     boolean helperReachable, Path helperSocket) {
        this(tools, iptablesVersion, iptablesSave, ip6tablesSave, legacySave, nftSave, bridgeNfCallIptables, bridgeNfCallIp6tables,
                ipv6Forwarding, routes, tunDevice, root, user, groupExists, userInGroup, helperReachable, helperSocket, null);
    }

    /** The same facts on a host where netem cannot be made, for the reason given (null: it can). */
    public HostFacts withNetemMissing(String reason) {
        return new HostFacts(tools, iptablesVersion, iptablesSave, ip6tablesSave, legacySave, nftSave, bridgeNfCallIptables,
                bridgeNfCallIp6tables, ipv6Forwarding, routes, tunDevice, root, user, groupExists, userInGroup, helperReachable,
                helperSocket, reason);
    }

    /** Tools the lab's kernel side runs. */
    public static final List<String> TOOLS = List.of("iptables", "iptables-restore", "ip6tables", "ip6tables-restore",
            "iptables-legacy-save", "iptables-nft-save");
    public static final String GROUP = "nslab";

    /** Where the facts come from; tests point these at files they made. */
    public record Sources(Path etcGroup, Path etcPasswd, Path helperSocket, Path tunDevice, Path procNet, Path procSysNet,
                          List<Path> toolDirs, String user) {
        public static Sources system() {
            List<Path> dirs = new ArrayList<>();
            String path = System.getenv("PATH");
            if (path != null) for (String d : path.split(":")) if (!d.isEmpty()) dirs.add(Path.of(d));
            // iptables lives in sbin, which a user's PATH often lacks.
            for (String d : List.of("/usr/local/sbin", "/usr/sbin", "/sbin")) dirs.add(Path.of(d));
            String sudoUser = System.getenv("SUDO_USER");
            return new Sources(Path.of("/etc/group"), Path.of("/etc/passwd"), Path.of("/run/nslab/helper.sock"),
                    Path.of("/dev/net/tun"), Path.of("/proc/thread-self/net"), Path.of("/proc/sys/net"), dirs,
                    sudoUser != null && !sudoUser.isEmpty() ? sudoUser : System.getProperty("user.name"));
        }

        public Sources withUser(String newUser) {
            return new Sources(etcGroup, etcPasswd, helperSocket, tunDevice, procNet, procSysNet, toolDirs, newUser);
        }

        public Sources withEtc(Path group, Path passwd) {
            return new Sources(group, passwd, helperSocket, tunDevice, procNet, procSysNet, toolDirs, user);
        }

        public Sources withTunDevice(Path tun) {
            return new Sources(etcGroup, etcPasswd, helperSocket, tun, procNet, procSysNet, toolDirs, user);
        }

        public Sources withToolDirs(List<Path> dirs) {
            return new Sources(etcGroup, etcPasswd, helperSocket, tunDevice, procNet, procSysNet, dirs, user);
        }
    }

    /** The same facts for a caller that is talking to the helper, so the helper certainly runs. */
    public HostFacts reachedHelper() {
        return new HostFacts(tools, iptablesVersion, iptablesSave, ip6tablesSave, legacySave, nftSave, bridgeNfCallIptables,
                bridgeNfCallIp6tables, ipv6Forwarding, routes, tunDevice, root, user, groupExists, userInGroup, true, helperSocket,
                netemMissing);
    }

    /** The login name of {@code uid} in the passwd file, if it has one. */
    public static Optional<String> userName(int uid, Sources src) {
        for (String line : read(src.etcPasswd()).orElse("").split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length >= 3 && f[2].equals(Integer.toString(uid))) return Optional.of(f[0]);
        }
        return Optional.empty();
    }

    public static HostFacts gather() {
        return gather(Sources.system());
    }

    public static HostFacts gather(Sources src) {
        Map<String, Path> tools = new TreeMap<>();
        for (String tool : TOOLS) find(src.toolDirs(), tool).ifPresent(p -> tools.put(tool, p));
        List<HostRoute> routes = new ArrayList<>();
        read(src.procNet().resolve("route")).ifPresent(t -> routes.addAll(HostRoute.parseV4(t)));
        read(src.procNet().resolve("ipv6_route")).ifPresent(t -> routes.addAll(HostRoute.parseV6(t)));
        boolean[] group = groupMembership(src);
        return new HostFacts(tools,
                run(tools.get("iptables"), "-V"),
                run(sibling(tools.get("iptables"), "iptables-save")),
                run(sibling(tools.get("ip6tables"), "ip6tables-save")),
                run(tools.get("iptables-legacy-save")),
                run(tools.get("iptables-nft-save")),
                read(src.procSysNet().resolve("bridge/bridge-nf-call-iptables")).map(String::strip).orElse(null),
                read(src.procSysNet().resolve("bridge/bridge-nf-call-ip6tables")).map(String::strip).orElse(null),
                read(src.procSysNet().resolve("ipv6/conf/all/forwarding")).map(String::strip).orElse(null),
                routes,
                Files.exists(src.tunDevice()),
                isRoot(),
                src.user(),
                group[0], group[1],
                connectable(src.helperSocket()),
                src.helperSocket(),
                probeNetem());
    }

    /**
     * Root tries a netem qdisc in a scratch namespace (as apply would make it); anyone else can only look for the
     * module: loaded, built in, or installed for the running kernel (the kernel loads it when the helper asks).
     */
    private static String probeNetem() {
        if (isRoot()) return org.nslab.helper.kernel.Qdiscs.netemMissing().orElse(null);
        if (Files.isDirectory(Path.of("/sys/module/sch_netem"))) return null;
        String release = read(Path.of("/proc/sys/kernel/osrelease")).map(String::strip).orElse("");
        Path modules = Path.of("/lib/modules", release);
        for (String index : List.of("modules.dep", "modules.builtin")) {
            if (read(modules.resolve(index)).map(t -> t.contains("/sch_netem.ko")).orElse(false)) return null;
        }
        return "this kernel has no netem qdisc: module sch_netem is neither loaded nor installed for kernel " + release
                + " (install a kernel built with CONFIG_NET_SCH_NETEM)";
    }

    private static Optional<Path> find(List<Path> dirs, String tool) {
        return dirs.stream().map(d -> d.resolve(tool)).filter(Files::isExecutable).findFirst();
    }

    private static Path sibling(Path tool, String name) {
        if (tool == null) return null;
        Path p = tool.resolveSibling(name);
        return Files.isExecutable(p) ? p : null;
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Runs a read-only tool and returns its standard output, or null when it is missing or fails. */
    private static String run(Path tool, String... args) {
        if (tool == null) return null;
        List<String> cmd = new ArrayList<>();
        cmd.add(tool.toString());
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** [group exists, user is a member (listed, or the group is the user's primary group)]. */
    private static boolean[] groupMembership(Sources src) {
        Optional<String> groups = read(src.etcGroup());
        String gid = null;
        boolean member = false;
        for (String line : groups.orElse("").split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length >= 4 && f[0].equals(GROUP)) {
                gid = f[2];
                member = List.of(f[3].split(",")).contains(src.user());
            }
        }
        if (gid == null) return new boolean[] {false, false};
        for (String line : read(src.etcPasswd()).orElse("").split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length >= 4 && f[0].equals(src.user()) && f[3].equals(gid)) member = true;
        }
        return new boolean[] {true, member};
    }

    private static boolean connectable(Path socket) {
        if (!Files.exists(socket)) return false;
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return ch.isConnected();
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean isRoot() {
        return read(Path.of("/proc/self/status")).stream()
                .flatMap(s -> s.lines())
                .filter(l -> l.startsWith("Uid:"))
                .anyMatch(l -> l.split("\\s+")[2].equals("0"));
    }
}
