package org.nslab.cli;

import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.nslab.helper.lab.LocalLabHost;
import org.nslab.helper.daemon.HelperConfig;
import org.nslab.helper.daemon.HelperDaemon;
import org.nslab.helper.daemon.Limits;
import org.nslab.helper.policy.MemberPolicy;
import org.nslab.helper.policy.PolicyFile;
import org.nslab.helper.policy.PolicyGate;
import org.nslab.helper.policy.VxlanAllowance;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nslab helper}: the privileged daemon, in the foreground (systemd runs it as a service). */
@Command(name = "helper",
        description = "Runs the privileged helper daemon on its Unix socket (root only). See docs/protocol.md.",
        exitCodeList = {"0:stopped", "2:usage error, or a policy file that is not valid",
                "4:not root, no such group, or the recorded state is not trusted"})
public final class HelperCommand implements Callable<Integer> {

    @Option(names = "--socket", paramLabel = "PATH", description = "socket path (default: ${DEFAULT-VALUE})")
    Path socket = HelperConfig.DEFAULT_SOCKET;

    @Option(names = "--group", paramLabel = "GROUP", description = "group allowed to connect, name or number (default: ${DEFAULT-VALUE})")
    String group = HelperConfig.DEFAULT_GROUP;

    @Option(names = "--mode", paramLabel = "OCTAL", description = "socket mode (default: ${DEFAULT-VALUE})")
    String mode = HelperConfig.DEFAULT_MODE;

    @Option(names = "--max-connections", paramLabel = "N",
            description = "connections of group members at once, all together; root is never refused (default: ${DEFAULT-VALUE})")
    int maxConnections = Limits.defaults().connections();

    @Option(names = "--max-connections-per-user", paramLabel = "N",
            description = "connections of one member at once (default: ${DEFAULT-VALUE})")
    int maxConnectionsPerUser = Limits.defaults().connectionsPerUser();

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            description = "an idle connection is closed after this long (default: ${DEFAULT-VALUE})")
    long idleSeconds = HelperConfig.DEFAULT_IDLE.toSeconds();

    @Option(names = "--max-request-bytes", paramLabel = "BYTES",
            description = "the longest request the helper reads (default: ${DEFAULT-VALUE})")
    int maxRequestBytes = Limits.defaults().requestBytes();

    @Option(names = "--max-request-memory", paramLabel = "BYTES",
            description = "members' request bytes held decoded at once, all connections together; at least --max-request-bytes"
                    + " (default: 4 times --max-request-bytes)")
    Integer maxRequestMemory;

    @Option(names = "--max-design-objects", paramLabel = "N",
            description = "namespaces, bridges, TUN devices and veth pairs in one design (default: ${DEFAULT-VALUE})")
    int maxDesignObjects = Limits.defaults().designObjects();

    @Option(names = "--max-user-objects", paramLabel = "N",
            description = "the same over all labs of one member (default: ${DEFAULT-VALUE})")
    int maxUserObjects = Limits.defaults().userObjects();
    @Option(names = "--policy", paramLabel = "FILE",
            description = "what members of the group may do beyond their labs (default: ${DEFAULT-VALUE}; missing: the narrow default)")
    Path policyFile = MemberPolicy.DEFAULT_FILE;

    @Option(names = "--vxlan-peers", paramLabel = "CIDR[,CIDR...]",
            description = "members may make VXLAN devices (labs across machines) whose remotes all lie in these underlay networks"
                    + " (default: none; only root makes VXLAN devices)")
    String vxlanPeers;

    @Option(names = "--vxlan-port", paramLabel = "PORT",
            description = "the UDP port members' VXLAN devices must use; with --vxlan-peers (default: 4789)")
    Integer vxlanPort;

    @Option(names = "--vxlan-vnis", paramLabel = "FIRST-LAST",
            description = "the VNIs members' VXLAN devices may use; with --vxlan-peers (default: 1-16777215)")
    String vxlanVnis;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        java.io.PrintWriter err = spec.commandLine().getErr();
        if (!org.nslab.engine.lab.LabServices.runsAsRoot()) {
            err.println("nslab helper: must run as root (sudo nslab helper, or: sudo systemctl enable --now nslab-helper)");
            return 4;
        }
        HelperConfig config;
        VxlanAllowance vxlan;
        try {
            vxlan = VxlanAllowance.of(vxlanPeers, vxlanPort, vxlanVnis);
            if (idleSeconds < 1) throw new IllegalArgumentException("the idle timeout must be at least 1 second");
            Limits limits = new Limits(maxConnections, maxConnectionsPerUser, maxRequestBytes, maxDesignObjects, maxUserObjects,
                    Limits.defaults().problemsListed(), maxRequestMemory == null ? 4 * maxRequestBytes : maxRequestMemory);
            config = HelperConfig.defaults().withSocket(socket).withGroup(group).withMode(HelperConfig.parseMode(mode))
                    .withIdleTimeout(Duration.ofSeconds(idleSeconds)).withLimits(limits);
        } catch (IllegalArgumentException e) {
            err.println("nslab helper: " + e.getMessage());
            return 2;
        }
        MemberPolicy policy;
        try {
            policy = PolicyFile.load(policyFile);
        } catch (PolicyFile.Invalid e) {
            // Never serve with half a policy: a typo in a file meant to widen it must not go unnoticed either.
            e.problems().forEach(p -> err.println("nslab helper: " + p));
            err.println("nslab helper: not started; fix " + policyFile + " or remove it to use the default policy (docs/security.md)");
            return ExitCodes.USAGE;
        }
        HelperDaemon daemon = new HelperDaemon(config, LocalLabHost.production(), new PolicyGate(policy, vxlan));
        try {
            daemon.start();
        } catch (org.nslab.helper.apply.UntrustedStateException e) {
            err.println("nslab helper: " + e.getMessage());
            return 4;
        } catch (UserPrincipalNotFoundException e) {
            err.println("nslab helper: no group named " + group + "; create it with: sudo groupadd --system " + group
                    + "  (or install assets/systemd/nslab.sysusers.conf)");
            return 4;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> daemon.stop(Duration.ofSeconds(30)), "nslab-helper-stop"));
        daemon.awaitTermination();
        return 0;
    }

    /** Lets the helper start without the rest of the command line (tests start it as a child process). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new HelperCommand()).execute(args));
    }
}
