package org.nslab.cli;

import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.nslab.helper.daemon.ApplierBackend;
import org.nslab.helper.daemon.HelperConfig;
import org.nslab.helper.daemon.HelperDaemon;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nslab helper}: the privileged daemon, in the foreground (systemd runs it as a service). */
@Command(name = "helper", mixinStandardHelpOptions = true,
        description = "Runs the privileged helper daemon on its Unix socket (root only). See docs/protocol.md.")
public final class HelperCommand implements Callable<Integer> {

    @Option(names = "--socket", paramLabel = "PATH", description = "socket path (default: ${DEFAULT-VALUE})")
    Path socket = HelperConfig.DEFAULT_SOCKET;

    @Option(names = "--group", paramLabel = "GROUP", description = "group allowed to connect, name or number (default: ${DEFAULT-VALUE})")
    String group = HelperConfig.DEFAULT_GROUP;

    @Option(names = "--mode", paramLabel = "OCTAL", description = "socket mode (default: ${DEFAULT-VALUE})")
    String mode = HelperConfig.DEFAULT_MODE;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        java.io.PrintWriter err = spec.commandLine().getErr();
        if (!HelperRoute.isRoot()) {
            err.println("nslab helper: must run as root (sudo nslab helper, or: sudo systemctl enable --now nslab-helper)");
            return 4;
        }
        HelperConfig config;
        try {
            config = HelperConfig.defaults().withSocket(socket).withGroup(group).withMode(HelperConfig.parseMode(mode));
        } catch (IllegalArgumentException e) {
            err.println("nslab helper: " + e.getMessage());
            return 2;
        }
        HelperDaemon daemon = new HelperDaemon(config, ApplierBackend.production());
        try {
            daemon.start();
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
