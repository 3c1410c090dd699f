package org.nslab.helper.kernel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The mark a lab's link carries from the request that creates it to the one that tags it. The kernel drops
 * IFLA_IFALIAS from a creation request (the tag needs a second request), but takes IFLA_GROUP: so every link a
 * lab makes is born in a device group of that lab's own, and the tagging request sets the tag and puts the link
 * back in group 0 (every device's default) at once. A process killed between the two leaves a link that is
 * untagged but still in its birth group, which recovery knows for the lab's; a device someone else makes under
 * the same name is in group 0 and is left alone.
 */
public final class BirthMark {
    private BirthMark() {}

    /**
     * The lab's birth group, in 0x20000000..0x3fffffff: above the small numbers {@code /etc/iproute2/group} names,
     * below {@link LinkGroups#groupOf}'s delete groups. From SHA-256 of the name, so labs do not share one by a
     * weak hash's collision.
     */
    public static int groupOf(String lab) {
        byte[] d;
        try {
            d = MessageDigest.getInstance("SHA-256").digest(lab.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        int v = (d[0] & 0xff) << 24 | (d[1] & 0xff) << 16 | (d[2] & 0xff) << 8 | (d[3] & 0xff);
        return 0x20000000 | (v & 0x1fffffff);
    }
}
