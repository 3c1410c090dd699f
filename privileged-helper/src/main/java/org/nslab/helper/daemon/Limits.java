package org.nslab.helper.daemon;

/**
 * What one member may take of the helper, so that no member can deny it to the others. Root is never counted
 * nor refused a connection: the administrator must always be able to get in and clean up.
 *
 * @param connections        connections of members at once, all members together
 * @param connectionsPerUser connections of one member at once (a share of {@code connections})
 * @param requestBytes       the longest request line the helper reads; it bounds what one request makes the
 *                           helper hold before validation has even begun
 * @param designObjects      namespaces, bridges, TUN devices and veth pairs in one design (root too: one request
 *                           must not be able to occupy the helper for minutes)
 * @param userObjects        the same, summed over every lab one member has applied, the new design included
 * @param problemsListed     the problems an invalid-design error lists; the message gives the full count
 * @param requestMemory      the request bytes of members the helper holds decoded at once, all connections together
 *                           (a request is held from its decoding until its answer); with {@code requestBytes} per
 *                           connection for the line being read, this bounds the memory members can make it spend
 */
public record Limits(int connections, int connectionsPerUser, int requestBytes, int designObjects, int userObjects,
                     int problemsListed, int requestMemory) {

    /** Fits the 1,000-namespace benchmarks (star 1000: 2,001 objects, 0.2 MB; router chain 1000: 2.6 MB) with room. */
    public static Limits defaults() {
        return new Limits(64, 16, 8 * 1024 * 1024, 10_000, 20_000, 50);
    }

    /** Room for four of the largest requests decoded at once. */
    public Limits(int connections, int connectionsPerUser, int requestBytes, int designObjects, int userObjects, int problemsListed) {
        this(connections, connectionsPerUser, requestBytes, designObjects, userObjects, problemsListed, 4 * requestBytes);
    }

    public Limits {
        if (connections < 1) throw new IllegalArgumentException("the connection limit must be at least 1");
        if (connectionsPerUser < 1 || connectionsPerUser > connections) {
            throw new IllegalArgumentException("the connections of one user must be between 1 and the connection limit ("
                    + connections + ")");
        }
        if (requestBytes < 1024 || requestBytes > org.nslab.engine.protocol.ProtocolJson.MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("the request size limit must be between 1 KiB and "
                    + (org.nslab.engine.protocol.ProtocolJson.MAX_MESSAGE_BYTES >> 20) + " MiB");
        }
        if (designObjects < 1 || userObjects < designObjects) {
            throw new IllegalArgumentException("the objects per design must be at least 1 and at most the objects per user");
        }
        if (problemsListed < 1) throw new IllegalArgumentException("an error must list at least one problem");
        // A request as large as allowed must be able to get its turn, or it would wait for ever.
        if (requestMemory < requestBytes) {
            throw new IllegalArgumentException("the request memory must be at least the request size limit (" + requestBytes + " bytes)");
        }
    }

    public Limits withConnections(int total, int perUser) {
        return new Limits(total, perUser, requestBytes, designObjects, userObjects, problemsListed, requestMemory);
    }

    public Limits withObjects(int perDesign, int perUser) {
        return new Limits(connections, connectionsPerUser, requestBytes, perDesign, perUser, problemsListed, requestMemory);
    }

    /** The request size limit, and room for four such requests decoded at once. */
    public Limits withRequestBytes(int bytes) {
        return new Limits(connections, connectionsPerUser, bytes, designObjects, userObjects, problemsListed);
    }

    public Limits withRequestMemory(int bytes) {
        return new Limits(connections, connectionsPerUser, requestBytes, designObjects, userObjects, problemsListed, bytes);
    }
}
