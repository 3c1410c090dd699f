package org.nslab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nslab.engine.lab.LabServices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nslab relay}: standard input and output joined to this machine's helper socket, byte for byte, until
 * either side ends. It is what {@code ssh user@host nslab relay} runs for a lab across machines; the helper sees
 * the relay's user (the SSH login) through the socket, so it grants exactly what that user has on this machine.
 */
@Command(name = "relay",
        description = "Join standard input and output to this machine's helper socket (what ssh runs for labs across machines).",
        exitCodeList = {"0:one side ended the connection", "4:no helper listens on the socket, or it refused this user"})
final class RelayCommand implements Callable<Integer> {
    @Option(names = "--socket", paramLabel = "PATH", description = "the helper's socket (default: $NSLAB_HELPER_SOCKET or /run/nslab/helper.sock)")
    Path socket;

    @Spec
    CommandSpec spec;

    /** Set in tests: the streams to relay instead of this process's own. */
    InputStream in = System.in;
    OutputStream out = System.out;

    @Override
    public Integer call() throws Exception {
        Path target = socket != null ? socket : LabServices.socket();
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(target));
        } catch (IOException e) {
            channel.close();
            spec.commandLine().getErr().println("nslab relay: no helper at " + target + ": " + e.getMessage());
            return ExitCodes.NO_PERMISSION;
        }
        try (channel) {
            Thread up = Thread.ofPlatform().daemon().name("relay-in").start(() -> {
                try {
                    in.transferTo(Channels.newOutputStream(channel));
                } catch (IOException e) {
                    // the helper went away; the other direction sees it too
                } finally {
                    try {
                        channel.shutdownOutput();
                    } catch (IOException ignored) {
                        // already closed
                    }
                }
            });
            try {
                Channels.newInputStream(channel).transferTo(out);
                out.flush();
            } catch (IOException e) {
                // our reader went away (ssh ended): nothing more to relay
            }
            up.interrupt();
        }
        return ExitCodes.OK;
    }
}
