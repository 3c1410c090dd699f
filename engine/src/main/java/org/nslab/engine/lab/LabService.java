package org.nslab.engine.lab;

import java.util.List;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.ProgressListener;

/**
 * Everything a lab can be asked, whoever does the asking (the CLI, the designer, the helper daemon on behalf of
 * a client) and wherever the kernel work happens (through the root helper's socket, or in this process as
 * root). One method per operation, each with its result type in this package; a new operation (exec, capture,
 * trace) is a new method here and one in each implementation, nothing else. Calls block; failures are
 * {@link LabException}s whose code the CLI turns into its exit status.
 *
 * <p>Implementations: {@link HelperLabService} (the helper's socket), the helper module's in-process one (found
 * by {@link LabServiceProvider}), and {@link UnreachableLabService}; {@link LabServices#choose} picks one.
 */
public interface LabService {

    /** Where the work goes, for a status bar: "helper at /run/nslab/helper.sock", "in-process as root". */
    String describe();

    /** Makes the kernel match the design (only the difference, when the lab is applied); progress per step. */
    ApplyResult apply(Topology design, ProgressListener progress) throws LabException;

    /** Removes what the lab created, from its recorded state; progress per batch of steps. */
    TeardownResult teardown(String lab, ProgressListener progress) throws LabException;

    /** The lab's recorded design compared with the kernel; {@link StatusReport#applied()} is false when it is not applied. */
    StatusReport status(String lab) throws LabException;

    /**
     * {@code design} compared with the kernel (a design file, rather than the recorded design). Only in-process:
     * the helper compares recorded designs only, and says so with {@link org.nslab.engine.protocol.ErrorCode#FORBIDDEN}.
     */
    StatusReport status(Topology design) throws LabException;

    /** The applied labs the caller may see (root: every lab). */
    List<LabSummary> list() throws LabException;

    /** Runs the design's checks against the applied lab, each probe waiting at most {@code timeoutMillis}. */
    List<CheckResult> check(Topology design, long timeoutMillis) throws LabException;

    /**
     * The design's checks, then those of {@code elsewhere}, whose listener was opened on another machine by
     * {@link #listen} (a lab across machines): for those this machine opens no listener, and a udp probe sends the
     * given token. Results in that order. Only an implementation that reaches a kernel's checks can; the others refuse
     * a non-empty {@code elsewhere}.
     */
    default List<CheckResult> check(Topology design, long timeoutMillis, List<ListenerElsewhere> elsewhere) throws LabException {
        if (elsewhere.isEmpty()) return check(design, timeoutMillis);
        throw new LabException(org.nslab.engine.protocol.ErrorCode.BAD_REQUEST, describe() + " runs no check whose listener is on another machine");
    }

    /**
     * Opens a listener in the applied lab {@code lab}, in the namespace that holds {@code request.address()} (never
     * {@code host}), for a check another machine runs; closed by the handle, at the request's time limit, or when the
     * caller goes. Only the lab's owner or root may: FORBIDDEN otherwise, NOT_FOUND for no such lab, BAD_REQUEST for
     * an address that is not one of the lab's namespaces'. Refused by an implementation that holds no lab.
     */
    default OpenListener listen(String lab, ListenRequest request) throws LabException {
        throw new LabException(org.nslab.engine.protocol.ErrorCode.BAD_REQUEST, describe() + " opens no listener for checks");
    }

    /** Every namespace of the applied lab pings every address of it; progress per finished source. */
    ReachabilityMatrix matrix(Topology design, long timeoutMillis, ProgressListener progress) throws LabException;

    /** What on the kernel's host would break or endanger {@code design} (null: labs in general). */
    List<Finding> doctor(Topology design) throws LabException;

    /**
     * Runs {@code command} (a program and its arguments, no shell) in {@code node} of the applied lab as the
     * caller, on {@code streams}, and returns its exit status (128 + n when signal n ended it); NOT_FOUND for no
     * such lab or node, FORBIDDEN for a lab of another user.
     */
    int exec(String lab, String node, List<String> command, org.nslab.engine.protocol.ExecStreams streams) throws LabException;

    /** The caller's login shell in {@code node} of the applied lab, on {@code streams} (a terminal); its exit status. */
    int shell(String lab, String node, org.nslab.engine.protocol.ExecStreams streams) throws LabException;

    /**
     * A design of what this machine's kernel holds ({@code nslab import --kernel}): its named namespaces and what
     * connects them, with notes on what no design can hold. Root only, as it reads every namespace's rules:
     * FORBIDDEN for anyone else and through the helper.
     */
    org.nslab.engine.interop.ImportResult importKernel() throws LabException;

    /**
     * Records the frames of one interface of the applied lab into {@code sink} as pcap: {@code iface} in the
     * namespace {@code node}, or a bridge of the lab ({@code node} the bridge, {@code iface} null or its
     * interface). It ends after {@code count} frames (0: no limit) or when the sink returns false; {@code filter}
     * is a compiled classic BPF program as (code, jt, jf, k) quadruples, empty for every frame. Only the lab's
     * owner or root may: FORBIDDEN otherwise, NOT_FOUND for no such lab, node or interface. The packet socket
     * stays where the kernel work happens (the helper); the caller only receives bytes.
     */
    CaptureResult capture(String lab, String node, String iface, int count, List<List<Long>> filter, CaptureSink sink)
            throws LabException;

    /**
     * Sends {@code request}'s packet in the applied lab, from its namespace (never {@code host}), with the kernel's
     * netfilter tracing switched on in every namespace of the lab, and returns what the kernel did with it and its
     * answer; tracing is switched off again and nothing of it stays. Where it is sent and traced comes from the
     * lab's recorded design, never from names in the request. ICMP and TCP only (nothing in a lab answers UDP);
     * {@code timeoutMillis} bounds the wait for the answer. Only the lab's owner or root may: FORBIDDEN otherwise,
     * NOT_FOUND for no such lab or namespace, BAD_REQUEST for UDP.
     */
    default LiveTrace trace(String lab, org.nslab.engine.walk.TraceRequest request, long timeoutMillis) throws LabException {
        return trace(lab, request, timeoutMillis, null);
    }

    /**
     * The same, an icmp probe carrying the echo identifier {@code echoId} (1 to 65535), so that the machines watching
     * a trace across machines count that packet and no other; null: a fresh one, new each trace (a repeated one
     * would find the last probe's conntrack entry and skip the nat chains). See {@link #takesEchoIds()}.
     */
    LiveTrace trace(String lab, org.nslab.engine.walk.TraceRequest request, long timeoutMillis, Integer echoId) throws LabException;

    /** Whether {@link #trace} takes the caller's echo identifier (a helper of protocol version 10 or newer). */
    default boolean takesEchoIds() throws LabException {
        return true;
    }

    /**
     * Switches the kernel's netfilter tracing on in every namespace of the applied lab on this machine and sends
     * nothing, for a packet another machine sends ({@code proto} says which packets are it and its answer): tells
     * {@code watch} once tracing is on, then collects until {@code watch}'s awaitStop returns, or at most
     * {@code limitMillis}, when tracing ends whatever the caller does; tracing is off again and nothing of it stays
     * before this returns. {@link LiveTrace#answered()} is false (nothing was sent here). Only the lab's owner or root
     * may: FORBIDDEN otherwise, NOT_FOUND for no such lab, BAD_REQUEST for UDP. {@code probe}: the packet's echo
     * identifier (icmp) or tcp source port, so that only its packets and its answer's count (the lab's own pings and
     * connections meanwhile do not); null counts every packet of the kind.
     */
    LiveTrace watchTrace(String lab, org.nslab.engine.walk.Protocol proto, long limitMillis, Integer probe,
                         org.nslab.engine.protocol.TraceWatch watch) throws LabException;
}
