package org.nslab.helper.netlink;

import java.util.Map;
import java.util.TreeMap;
import org.nslab.helper.libc.LibC;

/** Linux errno numbers by name, for messages a user can search for ("EEXIST") rather than bare numbers. */
public final class Errno {
    public static final int EPERM = 1, ENOENT = 2, EINTR = 4, EBADF = 9, EAGAIN = 11, EBUSY = 16, EEXIST = 17,
            ENODEV = 19, EINVAL = 22, ENOBUFS = 105, ENETUNREACH = 101, EADDRNOTAVAIL = 99, ESRCH = 3;

    private static final Map<Integer, String> NAMES = new TreeMap<>();

    static {
        String table = "EPERM=1 ENOENT=2 ESRCH=3 EINTR=4 EIO=5 ENXIO=6 E2BIG=7 ENOEXEC=8 EBADF=9 ECHILD=10 EAGAIN=11 "
                + "ENOMEM=12 EACCES=13 EFAULT=14 ENOTBLK=15 EBUSY=16 EEXIST=17 EXDEV=18 ENODEV=19 ENOTDIR=20 EISDIR=21 "
                + "EINVAL=22 ENFILE=23 EMFILE=24 ENOTTY=25 ETXTBSY=26 EFBIG=27 ENOSPC=28 ESPIPE=29 EROFS=30 EMLINK=31 "
                + "EPIPE=32 EDOM=33 ERANGE=34 EDEADLK=35 ENAMETOOLONG=36 ENOLCK=37 ENOSYS=38 ENOTEMPTY=39 ELOOP=40 "
                + "ENOMSG=42 EIDRM=43 ENODATA=61 ETIME=62 ENONET=64 ENOLINK=67 EPROTO=71 EBADMSG=74 EOVERFLOW=75 "
                + "ENOTUNIQ=76 EBADFD=77 EILSEQ=84 EUSERS=87 ENOTSOCK=88 EDESTADDRREQ=89 EMSGSIZE=90 EPROTOTYPE=91 "
                + "ENOPROTOOPT=92 EPROTONOSUPPORT=93 ESOCKTNOSUPPORT=94 EOPNOTSUPP=95 EPFNOSUPPORT=96 EAFNOSUPPORT=97 "
                + "EADDRINUSE=98 EADDRNOTAVAIL=99 ENETDOWN=100 ENETUNREACH=101 ENETRESET=102 ECONNABORTED=103 "
                + "ECONNRESET=104 ENOBUFS=105 EISCONN=106 ENOTCONN=107 ESHUTDOWN=108 ETOOMANYREFS=109 ETIMEDOUT=110 "
                + "ECONNREFUSED=111 EHOSTDOWN=112 EHOSTUNREACH=113 EALREADY=114 EINPROGRESS=115 ESTALE=116 "
                + "EDQUOT=122 ECANCELED=125 ERFKILL=132 EHWPOISON=133";
        for (String entry : table.split(" ")) {
            String[] kv = entry.split("=");
            NAMES.put(Integer.parseInt(kv[1]), kv[0]);
        }
    }

    private Errno() {}

    /** "EEXIST" for 17; "errno 4095" for a number without a name. */
    public static String name(int errno) {
        return NAMES.getOrDefault(errno, "errno " + errno);
    }

    /** The C library's text for the number ("File exists"). */
    public static String describe(int errno) {
        return LibC.INSTANCE.strerror(errno);
    }
}
