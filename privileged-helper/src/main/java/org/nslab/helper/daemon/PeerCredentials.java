package org.nslab.helper.daemon;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.nslab.helper.libc.LibC;

/**
 * The uid of the process at the other end of a Unix socket, from SO_PEERCRED (the kernel's record of who
 * connected, not anything the client says). The JDK reports it as a user name, or as the decimal uid when the
 * uid has no passwd entry; names are turned back into uids with getpwnam.
 */
final class PeerCredentials {
    private PeerCredentials() {}

    /** glibc's struct passwd on LP64: two pointers (name, password), then uid_t pw_uid. */
    private static final long PW_UID_OFFSET = 2L * Native.POINTER_SIZE;

    static int uid(SocketChannel channel) throws IOException {
        UnixDomainPrincipal principal = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
        return uidOf(principal.user().getName());
    }

    static int uidOf(String userName) throws IOException {
        synchronized (LibC.class) { // getpwnam returns a static buffer
            Pointer pw = LibC.INSTANCE.getpwnam(userName);
            if (pw != null) return pw.getInt(PW_UID_OFFSET);
        }
        try {
            return Integer.parseInt(userName);
        } catch (NumberFormatException e) {
            throw new IOException("cannot resolve the peer user " + userName + " to a uid");
        }
    }
}
