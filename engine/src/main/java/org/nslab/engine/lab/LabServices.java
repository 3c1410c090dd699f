package org.nslab.engine.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.HelperClient;

/**
 * The one choice of where lab operations run, for the CLI and the designer alike: the helper's socket when
 * something listens there (so it keeps the one record of every lab); else, for root, in-process through the
 * {@link LabServiceProvider} on the class path; else a service whose every call says how to reach the helper.
 * {@code NSLAB_HELPER_SOCKET} names another socket than {@link HelperClient#DEFAULT_SOCKET}.
 */
public final class LabServices {
    public static final String SOCKET_ENV = "NSLAB_HELPER_SOCKET";

    private LabServices() {}

    /** The facts the choice depends on, passed in so that tests can state them. */
    public record Facts(Path socket, Predicate<Path> listening, boolean root, Optional<LabServiceProvider> inProcess) {
        /** This process: the environment's socket, a real connection attempt, the effective uid, the class path. */
        public static Facts ofThisProcess() {
            return new Facts(LabServices.socket(), HelperClient::listening, runsAsRoot(), provider());
        }

        public Facts withSocket(Path other) {
            return new Facts(other, listening, root, inProcess);
        }
    }

    /** The service for this process; {@code notices} hears why an in-process call waits (another process holds the lab). */
    public static LabService choose(Consumer<String> notices) {
        // The everyday case, a listening helper, needs neither the uid nor the in-process provider (a service
        // lookup that opens the class path's jars): those facts are gathered only when it is not there.
        Path socket = socket();
        if (HelperClient.listening(socket)) return new HelperLabService(socket);
        return choose(Facts.ofThisProcess(), notices);
    }

    public static LabService choose() {
        return choose(notice -> {});
    }

    /**
     * The port for {@code design}: {@code local} (what {@link #choose} picked) when every node is on this machine;
     * for a design across machines a {@link SpreadLabService} that sends each machine's part to that machine's
     * helper ({@link MachineReach}) and this machine's to {@code local}. The one such choice, for the CLI and the designer.
     */
    public static LabService forDesign(Topology design, LabService local) {
        return forDesign(design, local, MachineReach::to);
    }

    /** As {@link #forDesign(Topology, LabService)}, reaching other machines through {@code reach}. */
    public static LabService forDesign(Topology design, LabService local, SpreadLabService.Reach reach) {
        return design.spansMachines() ? new SpreadLabService(design, local, reach) : local;
    }

    public static LabService choose(Facts facts, Consumer<String> notices) {
        if (facts.listening().test(facts.socket())) return new HelperLabService(facts.socket());
        if (facts.root() && facts.inProcess().isPresent()) return facts.inProcess().get().inProcess(notices);
        return new UnreachableLabService(facts.socket());
    }

    /** The socket {@code NSLAB_HELPER_SOCKET} names, or the default one when it is unset or blank. */
    public static Path socket(String env) {
        return env == null || env.isBlank() ? HelperClient.DEFAULT_SOCKET : Path.of(env);
    }

    public static Path socket() {
        return socket(System.getenv(SOCKET_ENV));
    }

    /** The in-process implementation, when a module on the class path provides one. */
    public static Optional<LabServiceProvider> provider() {
        return ServiceLoader.load(LabServiceProvider.class).findFirst();
    }

    /** The effective uid is root, as the kernel reports it for /proc/self (no native call needed). */
    public static boolean runsAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}
