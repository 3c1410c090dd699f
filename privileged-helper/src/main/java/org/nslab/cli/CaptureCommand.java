package org.nslab.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.nslab.engine.lab.CaptureSink;
import org.nslab.engine.lab.LabException;
import org.nslab.helper.capture.BpfProgram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "capture", description = "Record the frames of one interface of an applied lab as pcap, e.g. "
        + "`nslab capture lab red:eth0 | wireshark -k -i -`. NODE is a namespace or a bridge of the lab; the filter is "
        + "a tcpdump expression, compiled by libpcap.",
        exitCodeList = {"0:the capture ended (count reached, or the reader went away)", "1:no such lab, node or interface",
                "2:usage error, or not a capture filter", "4:not the lab's owner (nor root), or no helper"})
public final class CaptureCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LAB", description = "the applied lab")
    String lab;

    @Parameters(index = "1", paramLabel = "NODE:IFACE", description = "a namespace and one of its interfaces, or a bridge")
    String where;

    @Parameters(index = "2..*", paramLabel = "FILTER", description = "a tcpdump filter expression (e.g. icmp or tcp port 80)")
    List<String> filter = List.of();

    @Option(names = "-c", paramLabel = "N", description = "stop after N frames (default: until interrupted)")
    int count;

    @Option(names = "-w", paramLabel = "FILE", description = "write to FILE (- for standard output, the default when it is not a terminal)")
    String file;

    @Mixin
    LabVerb verb;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = verb.err();
        if (verb.labOf(lab) == null) return ExitCodes.USAGE;
        int colon = where.indexOf(':');
        String node = colon < 0 ? where : where.substring(0, colon);
        String iface = colon < 0 ? null : where.substring(colon + 1);
        if (count < 0) {
            err.println("nslab capture: -c takes a count of 1 or more");
            return ExitCodes.USAGE;
        }
        BpfProgram program;
        try {
            program = BpfProgram.compile(String.join(" ", filter));
        } catch (IllegalArgumentException e) {
            err.println("nslab capture: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (file == null && CliOutput.onTerminal()) {
            err.println("nslab capture: standard output is a terminal; write to a file with -w FILE, or pipe it (| wireshark -k -i -)");
            return ExitCodes.USAGE;
        }
        try (OutputStream out = file == null || file.equals("-") ? new FileOutputStream(FileDescriptor.out) : Files.newOutputStream(Path.of(file))) {
            CaptureSink sink = bytes -> {
                try {
                    out.write(bytes);
                    out.flush();
                    return true;
                } catch (IOException e) {
                    return false; // the reader went away (a closed pipe): the capture ends
                }
            };
            List<List<Long>> wire = program.instructions().stream().map(BpfProgram.Instruction::wire).toList();
            // Through the port the verbs share: the helper's socket, or in-process as root when none listens.
            try {
                org.nslab.engine.model.Topology spread = verb.spreadDesign(lab);
                int packets = (spread == null ? verb.lab().capture(lab, node, iface, count, wire, sink)
                        : verb.lab(spread).capture(spread.name(), node, iface, count, wire, sink)).packets();
                err.println("nslab capture: " + packets + (packets == 1 ? " frame" : " frames"));
                return ExitCodes.OK;
            } catch (LabException e) {
                return verb.failInNode(e);
            }
        }
    }

}
