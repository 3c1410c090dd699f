package org.nslab.engine.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nslab.engine.model.Machine;
import org.nslab.engine.protocol.ErrorCode;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.engine.protocol.HelperUnavailableException;

/**
 * How the command line and the designer reach another machine's helper (the {@link SpreadLabService.Reach} of
 * {@link LabServices#forDesign}): {@code unix:PATH} is its socket; {@code ssh://user@host}
 * is {@code ssh user@host nslab relay}, whose standard input and output are joined to that machine's helper socket,
 * so the helper there sees the SSH user as the caller, as for any local connection. {@code NSLAB_SSH_CONFIG} names
 * an ssh configuration file to use instead of the user's own ({@code ssh -F}): keys, known hosts and jumps kept for
 * labs alone, without touching {@code ~/.ssh}.
 */
public final class MachineReach {
    private static final Pattern SSH = Pattern.compile("ssh://([a-z_][a-z0-9_-]{0,31})@(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]{1,253})(?::([0-9]{1,5}))?");

    private MachineReach() {}

    public static LabService to(String machine, Machine entry) throws LabException {
        String helper = entry.helper();
        if (helper.startsWith("unix:")) return new HelperLabService(Path.of(helper.substring("unix:".length())));
        Matcher m = SSH.matcher(helper);
        if (!m.matches()) throw new LabException(ErrorCode.BAD_REQUEST, "machine " + machine + ": cannot reach a helper at " + helper);
        List<String> argv = ssh(System.getenv("NSLAB_SSH_CONFIG"), m.group(1), m.group(2), m.group(3));
        Path where = Path.of("/", "ssh", m.group(1) + "@" + m.group(2));
        return new HelperLabService(where, () -> {
            Process p;
            try {
                p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            } catch (IOException e) {
                throw new HelperUnavailableException(HelperUnavailableException.Reason.BROKEN, where, "cannot start ssh: " + e.getMessage());
            }
            return HelperClient.over(where, p.getInputStream(), p.getOutputStream(), p::destroy);
        });
    }

    /** No prompt (there is no terminal to answer it), the destination after {@code --} so it is never an option. */
    public static List<String> ssh(String config, String user, String host, String port) {
        List<String> argv = new ArrayList<>(List.of("ssh", "-T", "-o", "BatchMode=yes"));
        if (config != null && !config.isEmpty()) argv.addAll(List.of("-F", config));
        if (port != null) argv.addAll(List.of("-p", port));
        argv.addAll(List.of("--", user + "@" + (host.startsWith("[") ? host.substring(1, host.length() - 1) : host), "nslab", "relay"));
        return argv;
    }
}
