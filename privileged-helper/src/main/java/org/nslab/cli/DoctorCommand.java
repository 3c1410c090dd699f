package org.nslab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nslab.engine.lab.Finding;
import org.nslab.engine.json.Json;
import org.nslab.engine.model.Topology;
import org.nslab.helper.doctor.Doctor;
import org.nslab.helper.doctor.PolicyFinding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nslab doctor [FILE]}: what on this host will break or endanger a lab, with evidence and a fix. */
@Command(name = "doctor",
        description = {"Examines this host for what would break or endanger a lab: host firewall, iptables backends,",
                "colliding routes, missing devices and tools, access to the helper, and what the helper lets members do.",
                "With FILE, about that lab."},
        exitCodeList = {"0:nothing found that breaks a lab (warnings may be printed)", "1:the design is invalid",
                "2:usage error", "3:a finding would break the lab"})
public final class DoctorCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "0..1", description = "a design (.nslab.json) to examine the host for")
    Path file;

    @Mixin
    JsonOption json;

    @Option(names = "--policy", paramLabel = "FILE", description = "the helper's policy file to show (default: ${DEFAULT-VALUE})")
    Path policyFile = org.nslab.helper.policy.MemberPolicy.DEFAULT_FILE;

    @Mixin
    LabVerb verb;

    @Override
    public Integer call() throws Exception {
        Topology design = null;
        if (file != null) {
            design = verb.load(file);
            if (design == null) return ExitCodes.INVALID;
        }
        // Through the helper when one answers: it reads the host as root (the firewall too) and, for a member, says what
        // its policy would refuse of the design. Without one, this process examines what it can read itself.
        org.nslab.engine.lab.LabService lab = verb.lab();
        List<Finding> findings;
        try {
            findings = new ArrayList<>(lab instanceof org.nslab.engine.lab.UnreachableLabService ? Doctor.examine(design) : lab.doctor(design));
        } catch (org.nslab.engine.lab.LabException e) {
            return verb.fail(e);
        }
        findings.add(PolicyFinding.of(policyFile));
        findings.sort((a, b) -> a.severity().compareTo(b.severity()));
        verb.print(json.on ? json(design, findings) : text(design, findings));
        return Doctor.anyBreaks(findings) ? ExitCodes.FAILED : ExitCodes.OK;
    }

    static String text(Topology design, List<Finding> findings) {
        String subject = design == null ? "this host" : "this host for lab " + design.name();
        if (findings.isEmpty()) return "nothing found on " + subject + "\n";
        StringBuilder sb = new StringBuilder();
        for (Finding f : findings) {
            sb.append(String.format("%-7s %s: %s%n", f.severity().label(), f.id(), f.title()));
            if (!f.evidence().isEmpty()) sb.append("        seen: ").append(f.evidence()).append('\n');
            if (!f.fix().isEmpty()) sb.append("        fix:  ").append(f.fix()).append('\n');
        }
        long errors = findings.stream().filter(Finding::breaksLab).count();
        sb.append(errors == 0 ? "nothing on " + subject + " breaks a lab\n"
                : errors + " finding(s) on " + subject + " would break the lab\n");
        return sb.toString();
    }

    static String json(Topology design, List<Finding> findings) throws Exception {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("id", f.id());
            x.put("severity", f.severity().label());
            x.put("title", f.title());
            x.put("evidence", f.evidence());
            x.put("fix", f.fix());
            list.add(x);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("lab", design == null ? null : design.name());
        doc.put("breaksLab", Doctor.anyBreaks(findings));
        doc.put("findings", list);
        return Json.report().writeValueAsString(doc) + "\n";
    }
}
