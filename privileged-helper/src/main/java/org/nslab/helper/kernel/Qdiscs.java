package org.nslab.helper.kernel;

import static org.nslab.helper.netlink.Rtnl.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nslab.engine.plan.Impairment;
import org.nslab.helper.netlink.Attributes;
import org.nslab.helper.netlink.Errno;
import org.nslab.helper.netlink.ErrnoException;
import org.nslab.helper.libc.LibC;
import org.nslab.helper.netlink.Message;
import org.nslab.helper.netlink.NetlinkSocket;
import org.nslab.helper.netlink.Reply;

/**
 * Root qdiscs over rtnetlink, as {@code tc qdisc replace dev IF root netem ...} sends them: netem's fixed
 * options (struct tc_netem_qopt) followed by its attributes inside TCA_OPTIONS. Times go as 64-bit nanoseconds
 * (TCA_NETEM_LATENCY64/JITTER64), which the kernel prefers to the struct's 64 ns ticks; probabilities as
 * fractions of 2^32-1. A replace of a netem by a netem changes it in place, so the queue and the link stay.
 */
public final class Qdiscs {
    private static final double U32_MAX = 4294967295.0;
    private static final LibC C = LibC.INSTANCE;

    private Qdiscs() {}

    /** The root qdisc of one link; {@code netem} is set only when its kind is netem. */
    public record RootQdisc(String ifname, String kind, Impairment netem) {}

    /** Makes netem the root qdisc of the link with that index, creating or replacing what is there. */
    public static Request replaceNetem(String netns, String ifname, int index, Impairment i) {
        Message m = Message.request(RTM_NEWQDISC, NLM_F_CREATE | NLM_F_REPLACE);
        m.tcmsg(AF_UNSPEC, index, 0, TC_H_ROOT, 0);
        m.string(TCA_KIND, "netem");
        m.bytes(TCA_OPTIONS, netemOptions(i));
        return new Request(m, "netem on " + ifname + " in " + netns);
    }

    /** Deletes the root qdisc of the link with that index (the kernel puts its default back). */
    public static Request deleteRoot(String netns, String ifname, int index) {
        Message m = Message.request(RTM_DELQDISC, 0).tcmsg(AF_UNSPEC, index, 0, TC_H_ROOT, 0);
        return new Request(m, "root qdisc of " + ifname + " in " + netns);
    }

    static byte[] netemOptions(Impairment i) {
        ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
        long delayNs = i.delayUs() * 1000;
        long jitterNs = i.jitterUs() * 1000;
        b.putInt(ticks(delayNs)).putInt((int) Math.min(i.limitPackets(), 0xFFFFFFFFL)).putInt(probability(i.lossPercent()))
                // gap 1 is how tc asks for reordering: without it the reorder probability is not used.
                .putInt(i.reorderPercent() > 0 ? 1 : 0).putInt(probability(i.duplicatePercent())).putInt(ticks(jitterNs));
        attr(b, TCA_NETEM_LATENCY64, 8).putLong(delayNs);
        attr(b, TCA_NETEM_JITTER64, 8).putLong(jitterNs);
        // A change keeps what an absent attribute set before, so each one is always sent, zero meaning off.
        attr(b, TCA_NETEM_CORR, 12).putInt(0).putInt(0).putInt(0);
        attr(b, TCA_NETEM_REORDER, 8).putInt(probability(i.reorderPercent())).putInt(0);
        attr(b, TCA_NETEM_CORRUPT, 8).putInt(probability(i.corruptPercent())).putInt(0);
        long bytesPerSecond = i.rateKbit() * 1000 / 8;
        attr(b, TCA_NETEM_RATE, 16).putInt((int) Math.min(bytesPerSecond, 0xFFFFFFFFL)).putInt(0).putInt(0).putInt(0);
        if (bytesPerSecond >= 0xFFFFFFFFL) attr(b, TCA_NETEM_RATE64, 8).putLong(bytesPerSecond);
        byte[] out = new byte[b.position()];
        b.get(0, out);
        return out;
    }

    /** Every root qdisc of the namespace, by interface name. */
    public static List<RootQdisc> roots(NetHandle h) throws KernelException {
        Map<Integer, String> names = new HashMap<>();
        for (KernelObserver.LinkInfo l : KernelObserver.links(h)) names.put(l.index(), l.name());
        List<Reply> replies;
        try {
            replies = h.socket().dump(Message.request(RTM_GETQDISC, 0).tcmsg(AF_UNSPEC, 0, 0, 0, 0));
        } catch (ErrnoException e) {
            throw KernelException.of("dump qdiscs in " + h.netns(), e);
        }
        List<RootQdisc> out = new ArrayList<>();
        for (Reply r : replies) {
            if (r.type() != RTM_NEWQDISC) continue;
            ByteBuffer body = r.body();
            if (body.getInt(12) != TC_H_ROOT) continue;
            String name = names.get(body.getInt(4));
            if (name == null) continue;
            Attributes a = r.attributes(TCMSG_LEN);
            String kind = a.string(TCA_KIND);
            out.add(new RootQdisc(name, kind, "netem".equals(kind) ? parseNetem(a.raw(TCA_OPTIONS)) : null));
        }
        return out;
    }

    static Impairment parseNetem(ByteBuffer options) {
        if (options == null || options.limit() < TC_NETEM_QOPT_LEN) return null;
        long latencyTicks = Integer.toUnsignedLong(options.getInt(0));
        long limit = Integer.toUnsignedLong(options.getInt(4));
        double loss = percent(options.getInt(8));
        double duplicate = percent(options.getInt(16));
        long jitterTicks = Integer.toUnsignedLong(options.getInt(20));
        Attributes a = Attributes.parse(options, TC_NETEM_QOPT_LEN, options.limit() - TC_NETEM_QOPT_LEN);
        long delayNs = a.has(TCA_NETEM_LATENCY64) ? a.raw(TCA_NETEM_LATENCY64).getLong(0) : latencyTicks << 6;
        long jitterNs = a.has(TCA_NETEM_JITTER64) ? a.raw(TCA_NETEM_JITTER64).getLong(0) : jitterTicks << 6;
        double reorder = a.has(TCA_NETEM_REORDER) ? percent(a.raw(TCA_NETEM_REORDER).getInt(0)) : 0;
        double corrupt = a.has(TCA_NETEM_CORRUPT) ? percent(a.raw(TCA_NETEM_CORRUPT).getInt(0)) : 0;
        long bytesPerSecond = a.has(TCA_NETEM_RATE64) ? a.raw(TCA_NETEM_RATE64).getLong(0)
                : a.has(TCA_NETEM_RATE) ? Integer.toUnsignedLong(a.raw(TCA_NETEM_RATE).getInt(0)) : 0;
        return new Impairment(Math.round(delayNs / 1000.0), Math.round(jitterNs / 1000.0), loss, duplicate, corrupt, reorder,
                bytesPerSecond * 8 / 1000, limit);
    }

    /**
     * Why this kernel cannot make a netem qdisc, or empty when it can. Tried for real, the way apply would do
     * it: a netem on {@code lo} of a scratch namespace that lives only as long as the probing thread (the
     * kernel loads sch_netem on demand, so a module that is installed but not loaded counts as there).
     */
    public static Optional<String> netemMissing() {
        try {
            return InNamespace.onFreshThread("netem probe", () -> {
                C.unshare(LibC.CLONE_NEWNET);
                try (NetlinkSocket s = NetlinkSocket.open()) {
                    Message m = Message.request(RTM_NEWQDISC, NLM_F_CREATE | NLM_F_EXCL);
                    m.tcmsg(AF_UNSPEC, 1, 0, TC_H_ROOT, 0).string(TCA_KIND, "netem");
                    m.bytes(TCA_OPTIONS, netemOptions(new Impairment(0, 0, 0, 0, 0, 0, 0, Impairment.DEFAULT_LIMIT)));
                    NetlinkSocket.Outcome o = s.transact(List.of(m)).get(0);
                    if (o.ok()) return Optional.<String>empty();
                    if (o.errno() == Errno.ENOENT) {
                        return Optional.of("this kernel has no netem qdisc: module sch_netem is missing (load it with "
                                + "`modprobe sch_netem`, or install a kernel built with CONFIG_NET_SCH_NETEM)");
                    }
                    return Optional.of("this kernel refused a netem qdisc: " + Errno.name(o.errno())
                            + (o.detail() == null ? "" : " (" + o.detail() + ")"));
                }
            });
        } catch (KernelException e) {
            return Optional.of("cannot probe for netem: " + e.getMessage());
        }
    }

    private static ByteBuffer attr(ByteBuffer b, int type, int length) {
        b.putShort((short) (4 + length)).putShort((short) type);
        return b;
    }

    private static int ticks(long ns) {
        return (int) Math.min(ns >> 6, 0xFFFFFFFFL);
    }

    private static int probability(double percent) {
        return (int) Math.min(Math.round(percent / 100 * U32_MAX), 0xFFFFFFFFL);
    }

    private static double percent(int probability) {
        return Integer.toUnsignedLong(probability) / U32_MAX * 100;
    }
}
