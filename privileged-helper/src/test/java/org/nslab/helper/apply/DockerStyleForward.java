package org.nslab.helper.apply;

/**
 * The sandbox made to look like a Docker host while it is open: bridge netfilter on and a FORWARD policy of DROP,
 * which is where a lab needs its own chain accepting what its host bridges forward. Closing puts both back and drops
 * the iptables tables that only this brought into existence.
 */
final class DockerStyleForward implements AutoCloseable {
    private static final String BRIDGE_NF = "/proc/sys/net/bridge/bridge-nf-call-iptables";

    private final String bridgeNfBefore;
    private final String saveBefore;

    private DockerStyleForward() {
        bridgeNfBefore = Sh.sysctl("host", "net.bridge.bridge-nf-call-iptables");
        saveBefore = Sh.ok("iptables-save");
        Sh.ok("sh", "-c", "echo 1 > " + BRIDGE_NF);
        Sh.ok("iptables", "-P", "FORWARD", "DROP");
    }

    static DockerStyleForward on() {
        return new DockerStyleForward();
    }

    @Override
    public void close() {
        Sh.ok("iptables", "-P", "FORWARD", "ACCEPT");
        Sh.ok("sh", "-c", "echo " + bridgeNfBefore + " > " + BRIDGE_NF);
        ApplierKernelTest.dropTablesNotIn(saveBefore);
    }
}
