package org.nslab.helper.kernel;

import static org.nslab.helper.netlink.Rtnl.*;

import java.util.HashMap;
import java.util.Map;
import org.nslab.helper.netlink.Attributes;
import org.nslab.helper.netlink.ErrnoException;
import org.nslab.helper.netlink.Message;
import org.nslab.helper.netlink.Reply;

/** What a link's IFLA_INFO_DATA says beyond {@link KernelObserver.LinkInfo}: a TUN/TAP's mode and owner, a bridge's STP. */
public final class LinkDetails {
    /** {@code owner}/{@code group} null when unrestricted; {@code tap} false for tun. */
    public record Tun(boolean tap, Long owner, Long group, boolean persistent, boolean multiQueue) {}

    /** Per interface name: the TUN/TAP devices and the bridges' STP state of one namespace. */
    public record Details(Map<String, Tun> tuns, Map<String, Boolean> stp) {}

    private LinkDetails() {}

    public static Details of(NetHandle h) throws KernelException {
        Map<String, Tun> tuns = new HashMap<>();
        Map<String, Boolean> stp = new HashMap<>();
        try {
            for (Reply r : h.socket().dump(Message.request(RTM_GETLINK, 0).ifinfo(AF_UNSPEC, 0, 0, 0))) {
                if (r.type() != RTM_NEWLINK) continue;
                Attributes a = r.attributes(IFINFOMSG_LEN);
                Attributes info = a.nested(IFLA_LINKINFO);
                String kind = info.string(IFLA_INFO_KIND);
                Attributes data = info.nested(IFLA_INFO_DATA);
                String name = a.string(IFLA_IFNAME);
                if ("tun".equals(kind)) {
                    Integer type = data.u8(IFLA_TUN_TYPE);
                    tuns.put(name, new Tun(type != null && type == 2, id(data.u32(IFLA_TUN_OWNER)), id(data.u32(IFLA_TUN_GROUP)),
                            Integer.valueOf(1).equals(data.u8(IFLA_TUN_PERSIST)), Integer.valueOf(1).equals(data.u8(IFLA_TUN_MULTI_QUEUE))));
                } else if ("bridge".equals(kind)) {
                    Integer state = data.u32(IFLA_BR_STP_STATE);
                    stp.put(name, state != null && state != 0);
                }
            }
        } catch (ErrnoException e) {
            throw KernelException.of("dump links in " + h.netns(), e);
        }
        return new Details(tuns, stp);
    }

    /** The kernel says -1 for "anyone". */
    private static Long id(Integer value) {
        return value == null || value == -1 ? null : Integer.toUnsignedLong(value);
    }
}
