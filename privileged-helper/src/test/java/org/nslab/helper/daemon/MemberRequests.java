package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.ProtocolJson;
import org.nslab.engine.protocol.Response;

/** Requests sent as a member of the helper's group: a real uid (setpriv) over the real socket, as {@code nc} sends them. */
final class MemberRequests {
    private MemberRequests() {}

    static String apply(long id, Topology design) {
        return "{\"type\":\"apply\",\"id\":" + id + ",\"design\":" + ProtocolJson.designTree(design) + "}";
    }

    static String check(long id, Topology design) {
        return "{\"type\":\"check\",\"id\":" + id + ",\"design\":" + ProtocolJson.designTree(design) + ",\"timeoutMillis\":2000}";
    }

    /** Sends the requests as the member over the helper's socket; the final answer of each (progress left out). */
    static List<Response> as(int uid, String... requests) throws Exception {
        return asVersion(uid, 2, requests);
    }

    /** The same, on a connection of protocol {@code version}. */
    static List<Response> asVersion(int uid, int version, String... requests) throws Exception {
        List<Response> answers = new ArrayList<>();
        for (String line : lines(uid, version, requests)) answers.add(ProtocolJson.decodeResponse(line.getBytes(StandardCharsets.UTF_8)));
        return answers;
    }

    /** The helper's answers as sent, welcome and progress left out. */
    static List<String> lines(int uid, int version, String... requests) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("{\"type\":\"hello\",\"versions\":[" + version + "]}");
        lines.addAll(List.of(requests));
        AsUser.Outcome out = AsUser.member(uid, lines.toArray(String[]::new));
        assertThat(out.exit()).as(out.stderr()).isZero();
        List<String> answers = out.stdout().lines().skip(1).filter(line -> !line.contains("\"type\":\"progress\"")).toList();
        assertThat(answers).as(out.stdout()).hasSize(requests.length);
        return answers;
    }

    static String matrix(long id, Topology design) {
        return "{\"type\":\"matrix\",\"id\":" + id + ",\"design\":" + ProtocolJson.designTree(design) + ",\"timeoutMillis\":1000}";
    }

    static String doctor(long id, Topology design) {
        return "{\"type\":\"doctor\",\"id\":" + id + ",\"design\":" + ProtocolJson.designTree(design) + "}";
    }
}
