package org.nslab.engine.lab;

import org.nslab.engine.protocol.Response;

/**
 * One applied lab as a listing shows it: who owns it (uid) and how big it is. {@code unreadable} (null unless
 * set) says why the lab's recorded state cannot be believed; such a lab has owner -1.
 */
public record LabSummary(String name, int owner, int namespaces, int links, String unreadable) {

    public LabSummary(String name, int owner, int namespaces, int links) {
        this(name, owner, namespaces, links, null);
    }

    /** As the helper protocol carries it. */
    public Response.LabSummary toWire() {
        return new Response.LabSummary(name, owner, namespaces, links, unreadable);
    }

    public static LabSummary fromWire(Response.LabSummary s) {
        return new LabSummary(s.name(), s.owner(), s.namespaces(), s.links(), s.unreadable());
    }
}
