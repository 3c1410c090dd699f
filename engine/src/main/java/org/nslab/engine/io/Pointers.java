package org.nslab.engine.io;

/** JSON Pointer (RFC 6901) building, shared by the reader, the binder and the validator. */
public final class Pointers {
    private Pointers() {}

    public static String child(String parent, String key) {
        if (key.indexOf('~') < 0 && key.indexOf('/') < 0) return parent + "/" + key;
        return parent + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    public static String child(String parent, int index) {
        return parent + "/" + index;
    }

    /** True when {@code pointer} is {@code ancestor} or lies below it. */
    public static boolean within(String pointer, String ancestor) {
        return pointer.equals(ancestor) || pointer.startsWith(ancestor + "/");
    }

    /** The parent pointer; the document's pointer is its own parent. */
    public static String parent(String pointer) {
        int i = pointer.lastIndexOf('/');
        return i <= 0 ? "" : pointer.substring(0, i);
    }
}
