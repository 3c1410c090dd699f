package org.nslab.helper.check;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.nslab.engine.model.Topology;
import org.nslab.engine.plan.Operation;
import org.nslab.engine.plan.Planner;
import org.nslab.helper.testing.HostSnapshot;

/**
 * Builds a design with the ip and iptables-restore programs from the planner's steps, independently of the
 * applier, so the probes are tested against a lab made the way a user would make it by hand.
 */
final class PlannedLab implements AutoCloseable {
    private final List<String> namespaces = new ArrayList<>();
    private final List<String> hostLinks = new ArrayList<>();

    static PlannedLab build(Topology t) {
        PlannedLab lab = new PlannedLab();
        try {
            for (Operation op : Planner.apply(t)) lab.run(op);
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    private void run(Operation op) {
        switch (op) {
            case Operation.CreateNamespace c -> {
                sh("ip netns add " + c.netns());
                namespaces.add(c.netns());
            }
            case Operation.CreateBridge b -> {
                sh(ip(b.netns()) + " link add " + b.ifname() + " type bridge stp_state " + (b.stp() ? 1 : 0)
                        + (b.mtu() == null ? "" : " mtu " + b.mtu()));
                if (b.netns().equals(Topology.HOST)) hostLinks.add(b.ifname());
            }
            case Operation.CreateVeth v -> {
                // Created under temporary names in host, then moved and renamed, as the names may repeat across namespaces.
                String ta = "pl" + System.nanoTime() % 100000 + "a";
                String tb = ta.replace("a", "b");
                sh("ip link add " + ta + " type veth peer name " + tb);
                side(ta, v.a());
                side(tb, v.b());
            }
            case Operation.SetUp s -> sh(ip(s.netns()) + " link set " + s.ifname() + " up");
            case Operation.AddAddress a -> sh(ip(a.netns()) + " addr add " + a.cidr() + " dev " + a.ifname());
            case Operation.AddRoute r -> sh(ip(r.netns()) + (r.ipv6() ? " -6" : "") + " route add " + r.to()
                    + (r.via() == null ? "" : " via " + r.via()) + (r.dev() == null ? "" : " dev " + r.dev())
                    + (r.metric() == null ? "" : " metric " + r.metric()));
            case Operation.SetSysctl s -> sh(exec(s.netns()) + "sysctl -qw " + s.key() + "=" + s.value());
            case Operation.LoadFirewall f -> restore(f);
            default -> throw new IllegalArgumentException("not needed by these tests: " + op);
        }
    }

    private void side(String tmp, Operation.VethSide s) {
        if (!s.netns().equals(Topology.HOST)) sh("ip link set " + tmp + " netns " + s.netns());
        else hostLinks.add(s.ifname());
        sh(ip(s.netns()) + " link set " + tmp + " name " + s.ifname());
        if (s.mac() != null) sh(ip(s.netns()) + " link set " + s.ifname() + " address " + s.mac());
        if (s.mtu() != null) sh(ip(s.netns()) + " link set " + s.ifname() + " mtu " + s.mtu());
        if (s.master() != null) sh(ip(s.netns()) + " link set " + s.ifname() + " master " + s.master());
        if (s.up()) sh(ip(s.netns()) + " link set " + s.ifname() + " up");
    }

    private static void restore(Operation.LoadFirewall f) {
        String tool = f.family() == Operation.Family.IPV4 ? "iptables-restore" : "ip6tables-restore";
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", f.netns(), tool));
        if (f.netns().equals(Topology.HOST)) cmd = new ArrayList<>(List.of(tool));
        if (f.noflush()) cmd.add("--noflush");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(f.restoreInput().getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) throw new IllegalStateException(tool + " failed: " + out + "\n" + f.restoreInput());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String ip(String netns) {
        return netns.equals(Topology.HOST) ? "ip" : "ip -n " + netns;
    }

    private static String exec(String netns) {
        return netns.equals(Topology.HOST) ? "" : "ip netns exec " + netns + " ";
    }

    static void sh(String command) {
        String out = HostSnapshot.run("sh", "-c", command + " && echo __ok");
        if (!out.contains("__ok")) throw new IllegalStateException(command + ": " + out);
    }

    @Override
    public void close() {
        for (String ns : namespaces) HostSnapshot.run("ip", "netns", "delete", ns);
        for (String link : hostLinks) HostSnapshot.run("ip", "link", "delete", link);
    }
}
