package org.nslab.helper.kernel;

import java.util.ArrayList;
import java.util.List;
import org.nslab.engine.plan.Operation.RestoreSysctl;
import org.nslab.engine.plan.Operation.SetSysctl;
import org.nslab.engine.plan.Operation;

/** A wave of sysctl operations (set or restore), written through {@link SysctlBatch}. */
final class SysctlWave {
    private SysctlWave() {}

    /** Sysctls, written in order; every key and value is checked before anything is written. */
    static void run(List<Operation> ops, Run run) {
        List<SysctlBatch.Write> writes = new ArrayList<>();
        for (Operation op : ops) {
            try {
                Sysctl.checkValue(key(op), value(op));
                writes.add(new SysctlBatch.Write(op, op.netns(), Sysctl.path(key(op)), key(op), value(op)));
            } catch (KernelException e) {
                run.fail(op, e);
                return;
            }
        }
        SysctlBatch.Failure failure = SysctlBatch.write(writes, w -> run.done(w.op()));
        if (failure != null) run.fail(failure.write().op(), failure.error());
    }

    private static String key(Operation op) {
        return op instanceof SetSysctl s ? s.key() : ((RestoreSysctl) op).key();
    }

    private static String value(Operation op) {
        return op instanceof SetSysctl s ? s.value() : ((RestoreSysctl) op).value();
    }
}
