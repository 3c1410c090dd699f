package org.nslab.helper.daemon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nslab.engine.protocol.ProtocolException;
import org.nslab.engine.protocol.ProtocolJson;
import org.nslab.engine.protocol.Response;

/**
 * One connection to the helper held open by another uid: {@code nc -U} started with setpriv, its input kept open
 * so the connection lasts until {@link #close}. The helper sees that uid through SO_PEERCRED, as it sees a member.
 */
final class MemberConnection implements AutoCloseable {
    private final Process process;
    private final OutputStream in;
    private final BufferedReader out;

    private MemberConnection(Process process) {
        this.process = process;
        this.in = process.getOutputStream();
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static MemberConnection open(int uid, List<Integer> groups, Path socket) throws IOException {
        String joined = String.join(",", groups.stream().map(String::valueOf).toList());
        return new MemberConnection(new ProcessBuilder("setpriv", "--reuid=" + uid, "--regid=" + uid,
                groups.isEmpty() ? "--clear-groups" : "--groups=" + joined, "--", "nc", "-U", socket.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start());
    }

    MemberConnection send(String line) throws IOException {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        return this;
    }

    /** The helper's next line, as text, or null when it hung up. */
    String nextLine() throws IOException {
        return out.readLine();
    }

    Response next() throws IOException, ProtocolException {
        String line = nextLine();
        return line == null ? null : ProtocolJson.decodeResponse(line.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
}
