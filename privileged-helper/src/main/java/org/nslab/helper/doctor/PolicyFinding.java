package org.nslab.helper.doctor;

import java.nio.file.Files;
import java.nio.file.Path;
import org.nslab.engine.lab.Finding;
import org.nslab.engine.lab.Severity;
import org.nslab.helper.policy.MemberPolicy;
import org.nslab.helper.policy.PolicyFile;

/**
 * What members of the helper's group may do beyond their labs, as the helper will read it from its policy file at
 * start (docs/security.md): shown for information, or as an error when the file would keep the helper from starting.
 */
public final class PolicyFinding {
    private PolicyFinding() {}

    public static Finding of(Path file) {
        if (Files.exists(file) && !Files.isReadable(file)) {
            return new Finding("member-policy", Severity.INFO, "The helper's policy for members is not readable by you",
                    file + " is not readable by this user", "run `sudo nslab doctor` to see the policy in force");
        }
        try {
            MemberPolicy policy = PolicyFile.load(file);
            return new Finding("member-policy", Severity.INFO, "What members of the helper's group may do beyond their labs",
                    String.join("; ", policy.describe()),
                    "widen or narrow it in " + file + " (docs/security.md), then restart the helper");
        } catch (PolicyFile.Invalid e) {
            return new Finding("member-policy-invalid", Severity.ERROR, "The helper's policy file is invalid, so the helper will not start",
                    String.join("; ", e.problems()), "fix " + file + ", or remove it to use the default policy (docs/security.md)");
        }
    }
}
