package org.nslab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.engine.protocol.LineReader;
import org.nslab.engine.protocol.ProtocolJson;
import org.nslab.engine.protocol.Request;
import org.nslab.engine.protocol.Response;

/**
 * Runs what the everyday verbs do once each, so that a JVM started with {@code -XX:ArchiveClassesAtExit} (or
 * {@code -XX:AOTCacheOutput}) records the classes they load into the class-data archive that later starts of
 * the command line map instead of loading (the launcher and the package build do this).
 *
 * <p>The read-only verbs run as a user runs them. A build must not change the machine, so apply's client side
 * (the design sent over the helper's protocol, the progress and the answer read back) talks to a peer in this
 * process that answers as the helper would, on a socket in a temporary folder; apply's own command line is
 * parsed, not run. Usage: StartupTraining DESIGN-FILE
 */
public final class StartupTraining {
    private StartupTraining() {}

    public static void main(String[] args) throws Exception {
        PrintWriter quiet = new PrintWriter(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        String design = args[0];
        String[][] runs = {{"--version"}, {"--help"}, {"validate", design}, {"plan", design}, {"export", design},
                {"apply", "--help"}, {"teardown", "--help"}, {"status", "--help"}, {"list", "--help"}};
        for (String[] run : runs) Main.run(quiet, quiet, run);
        Verbs.forArguments(quiet, quiet, "apply", "--no-checks", design).parseArgs("apply", "--no-checks", design);
        Verbs.forArguments(quiet, quiet, "teardown", design).parseArgs("teardown", design);
        applyThroughAPeer(TopologyJson.load(Path.of(design)).topology(), design, quiet);
    }

    private static void applyThroughAPeer(Topology design, String file, PrintWriter quiet) throws Exception {
        Path dir = Files.createTempDirectory("nslab-training");
        Path socket = dir.resolve("helper.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread peer = Thread.ofPlatform().daemon().start(() -> {
                answer(server);
                answer(server);
            });
            // The everyday apply's own path (the file's text, no mapper), then the full client's.
            if (QuickApply.run(socket, quiet, quiet, "apply", "--no-checks", file) == null) {
                throw new IllegalStateException("the quick apply did not reach the training peer");
            }
            try (HelperClient client = HelperClient.connect(socket)) {
                client.apply(design, (step, total, what) -> { });
                client.teardown(design.name(), (step, total, what) -> { });
            }
            peer.join(10_000);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** One connection: a welcome, then each request answered with a progress event and what the helper would send. */
    private static void answer(ServerSocketChannel server) {
        try (SocketChannel channel = server.accept()) {
            InputStream in = Channels.newInputStream(channel);
            OutputStream out = Channels.newOutputStream(channel);
            LineReader lines = new LineReader(in, ProtocolJson.MAX_MESSAGE_BYTES);
            for (byte[] line; (line = lines.next()) != null; ) {
                Response reply = switch (ProtocolJson.decodeRequest(line)) {
                    case Request.Hello h -> new Response.Welcome(ProtocolJson.VERSION, "training", 0);
                    case Request.Apply a -> progressThen(out, a.id(), new Response.Applied(a.id(), "training", 1));
                    case Request.Teardown t -> progressThen(out, t.id(), new Response.TornDown(t.id(), t.lab(), 1));
                    default -> null;
                };
                if (reply == null) return;
                out.write(ProtocolJson.encode(reply));
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response progressThen(OutputStream out, long id, Response last) throws IOException {
        out.write(ProtocolJson.encode(new Response.Progress(id, 1, 1, "training")));
        return last;
    }
}
