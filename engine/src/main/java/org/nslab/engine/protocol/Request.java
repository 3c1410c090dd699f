package org.nslab.engine.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a client sends to the helper, one JSON object per line (see docs/protocol.md). The first message of a
 * connection is always {@link Hello}; every other request carries an {@code id} that the helper repeats in each
 * event and in the final answer, so a client can match them.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Request.Hello.class, name = "hello"),
        @JsonSubTypes.Type(value = Request.Apply.class, name = "apply"),
        @JsonSubTypes.Type(value = Request.Teardown.class, name = "teardown"),
        @JsonSubTypes.Type(value = Request.Plan.class, name = "plan"),
        @JsonSubTypes.Type(value = Request.Status.class, name = "status"),
        @JsonSubTypes.Type(value = Request.Check.class, name = "check"),
        @JsonSubTypes.Type(value = Request.ListLabs.class, name = "list"),
        @JsonSubTypes.Type(value = Request.Matrix.class, name = "matrix"),
        @JsonSubTypes.Type(value = Request.Doctor.class, name = "doctor"),
        @JsonSubTypes.Type(value = Request.Capture.class, name = "capture"),
        @JsonSubTypes.Type(value = Request.Exec.class, name = "exec"),
        @JsonSubTypes.Type(value = Request.ImportKernel.class, name = "importKernel"),
        @JsonSubTypes.Type(value = Request.Trace.class, name = "trace"),
        @JsonSubTypes.Type(value = Request.Listen.class, name = "listen"),
        @JsonSubTypes.Type(value = Request.TraceWatch.class, name = "traceWatch"),
        @JsonSubTypes.Type(value = Request.TraceStop.class, name = "traceStop")})
public sealed interface Request {

    /** The request's number, chosen by the client; 0 for {@link Hello}. */
    long id();

    /** The first protocol version in which this request, as filled in, exists. */
    default int since() {
        return 1;
    }

    /** Opens a connection: the protocol versions the client speaks; the helper picks the highest it shares. */
    record Hello(List<Integer> versions, String client) implements Request {
        public Hello {
            versions = versions == null ? List.of() : List.copyOf(versions);
        }

        public long id() { return 0; }
    }

    /** Makes the kernel match {@code design} (a topology in format nslab/1), streaming progress events. */
    record Apply(long id, JsonNode design) implements Request {}

    /** Removes everything the named lab created, from the helper's record of it. */
    record Teardown(long id, String lab) implements Request {}

    /** The operations an apply of {@code design} would run now (the changes, when the lab is applied). */
    record Plan(long id, JsonNode design) implements Request {}

    /** One lab's design compared with the kernel, or, with {@code lab} null, every lab the caller may see. */
    record Status(long id, String lab) implements Request {}

    /**
     * Runs the design's checks against the applied lab; each probe waits {@code timeoutMillis} (version 2; absent:
     * the helper's default).
     */
    record Check(long id, JsonNode design, @JsonInclude(JsonInclude.Include.NON_NULL) Long timeoutMillis,
                 @JsonInclude(JsonInclude.Include.NON_NULL) List<Elsewhere> elsewhere) implements Request {
        public Check {
            elsewhere = elsewhere == null ? null : List.copyOf(elsewhere);
        }

        public Check(long id, JsonNode design) {
            this(id, design, null, null);
        }

        public Check(long id, JsonNode design, Long timeoutMillis) {
            this(id, design, timeoutMillis, null);
        }

        @Override
        public int since() {
            return elsewhere != null ? 9 : timeoutMillis == null ? 1 : 2;
        }
    }

    /**
     * Version 9, in a check: one more check, beside the design's, whose listener is on another machine (opened there
     * with {@link Listen}); a udp probe sends {@code token} (32 hex digits), tcp has none.
     */
    record Elsewhere(String from, String to, String proto, Integer port, String expect,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String token) {}

    /** The labs the caller may see: its own, or all of them for root. */
    record ListLabs(long id) implements Request {}

    /**
     * Version 2: every namespace of the applied lab pings every address of the lab (the reachability matrix), each
     * echo waiting {@code timeoutMillis} (absent: the helper's default); one progress event per finished source.
     */
    record Matrix(long id, JsonNode design, @JsonInclude(JsonInclude.Include.NON_NULL) Long timeoutMillis) implements Request {
        @Override
        public int since() {
            return 2;
        }
    }

    /**
     * Version 2: the preflight of the helper's host for {@code design} (null: for labs in general), as
     * {@code nslab doctor} prints it, with the caller's access to the helper judged for the caller.
     */
    record Doctor(long id, @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode design) implements Request {
        @Override
        public int since() {
            return 2;
        }
    }

    /**
     * Version 2: the frames of interface {@code iface} of {@code node} (a namespace or bridge of the applied lab)
     * that pass {@code filter}, a classic BPF program compiled by the client (each instruction four numbers:
     * code, jt, jf, k; empty: every frame), until {@code count} frames (0: until the client hangs up). Answered by
     * pcap events and a final {@code captured}.
     */
    record Capture(long id, String lab, String node, String iface, int count, List<List<Long>> filter) implements Request {
        public Capture {
            filter = filter == null ? List.of() : filter.stream().map(List::copyOf).toList();
        }

        @Override
        public int since() {
            return 2;
        }
    }

    /**
     * Version 3: runs {@code command} (a program and its arguments, never through a shell), or with {@code shell}
     * the caller's login shell, in {@code node} of the applied lab as the caller. {@code terminal}: on a new PTY of
     * {@code rows} by {@code columns}, with {@code term} as TERM. Answered by {@code execReady} (the socket where
     * the client hands over its descriptors), {@code started} and a final {@code exited}.
     */
    record Exec(long id, String lab, String node, List<String> command, boolean shell, boolean terminal, int rows, int columns,
                @JsonInclude(JsonInclude.Include.NON_NULL) String term) implements Request {
        public Exec {
            command = command == null ? List.of() : List.copyOf(command);
        }

        @Override
        public int since() {
            return 3;
        }
    }

    /**
     * Version 4: a design of what the kernel holds, as {@code nslab import --kernel} reads it, of the namespaces the
     * caller may read: root every named namespace, a member those of the labs the member owns.
     */
    record ImportKernel(long id) implements Request {
        @Override
        public int since() {
            return 4;
        }
    }

    /**
     * Version 6: sends one packet in the applied lab {@code lab} from its namespace {@code from} to {@code to}
     * ({@code proto} icmp or tcp, {@code port} the tcp port, 0 for icmp; {@code source} an address of {@code from}
     * or null; {@code sourcePort} the tcp source port or echo identifier) with the kernel's netfilter trace on, and
     * answers {@code traced}: whether the answer came back and each namespace's decisions. Version 10: {@code echoId}
     * (icmp, 1 to 65535) is the echo identifier the probe carries, where the helper picks a fresh one without it.
     */
    record Trace(long id, String lab, String from, String to, String proto, int port,
                 @JsonInclude(JsonInclude.Include.NON_NULL) String source, int sourcePort, Long timeoutMillis,
                 @JsonInclude(JsonInclude.Include.NON_NULL) Integer echoId) implements Request {
        @Override
        public int since() {
            return 6;
        }
    }

    /**
     * Version 9: opens a listener in the applied lab {@code lab}, in the namespace that holds {@code address} (never
     * {@code host}), for a check another machine runs: tcp accepts and closes, udp echoes only a datagram that is
     * {@code token} (32 hex digits). Answered by a {@code listening} event once it listens, and {@code listened} when
     * it closed: after {@code timeoutMillis} (at most 60000), or at once when the client shuts its sending side;
     * closing the connection closes it too.
     */
    record Listen(long id, String lab, String proto, String address, int port, @JsonInclude(JsonInclude.Include.NON_NULL) String token,
                  @JsonInclude(JsonInclude.Include.NON_NULL) Long timeoutMillis) implements Request {
        @Override
        public int since() {
            return 9;
        }
    }

    /**
     * Version 9: switches the kernel's netfilter trace on in every namespace of the applied lab {@code lab} on this
     * machine and sends nothing: another machine sends the packet ({@code proto} icmp or tcp says which packets are the
     * walked one and its answer). Answered by a {@code traceWatching} event once tracing is on, then, after the
     * client's {@link TraceStop} (or at the latest {@code timeoutMillis} after it began, when tracing ends on its own),
     * by a final {@code traceWatched} with each namespace's decisions. Version 10: {@code probe} (0 to 65535) is the
     * echo identifier (icmp) or tcp source port of the packet sent elsewhere; only its packets count.
     */
    record TraceWatch(long id, String lab, String proto, Long timeoutMillis,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Integer probe) implements Request {
        @Override
        public int since() {
            return 9;
        }
    }

    /** Version 9: ends the running {@link TraceWatch} {@code id} of this connection; the only message a watch reads. */
    record TraceStop(long id) implements Request {
        @Override
        public int since() {
            return 9;
        }
    }
}
