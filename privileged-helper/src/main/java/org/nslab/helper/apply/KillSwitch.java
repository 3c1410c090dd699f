package org.nslab.helper.apply;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.nslab.engine.plan.Operation;

/**
 * For the crash-point tests: the real kernel, except that the process sends itself SIGKILL right after the
 * {@value #AFTER_STEP}-th kernel step (counted over apply, re-apply, rollback, recovery and teardown alike; 0 kills
 * before the first step) took effect, so a test stops a real CLI or helper at an exact point instead of racing it
 * with a timer. {@value #LAB}, when set, counts only that lab's steps (a helper started armed for one lab still
 * recovers another at start). The batch that holds the step is split there, so exactly that many steps are done.
 * <p>
 * Read once, from this process's own environment only: the root CLI's or the daemon's, which root sets when it
 * starts them. Nothing a helper client sends reaches it (requests carry designs and names, never environment), so
 * a member of the helper's group cannot arm it. Unset, {@link #around} returns the kernel itself.
 * <p>
 * With {@value #INSIDE} set to {@code 1}, the kill comes inside the next step instead: when it creates a link, the
 * creation request alone is sent ({@link Kernel#createOnly}) and the process dies before the request that tags the
 * link, the one moment a crash leaves a link that carries only its birth mark.
 */
final class KillSwitch extends ForwardingKernel {
    static final String AFTER_STEP = "NSLAB_TEST_KILL_AFTER_STEP";
    static final String LAB = "NSLAB_TEST_KILL_LAB";
    static final String INSIDE = "NSLAB_TEST_KILL_INSIDE_STEP";

    /** A step that creates a link, by its number among the steps counted (0: the first). */
    record Birth(int step, Operation op) {}

    private final int afterStep;
    private final String lab;
    private final boolean inside;
    private final AtomicInteger count = new AtomicInteger();
    private final List<Birth> births = new ArrayList<>();

    private KillSwitch(Kernel real, int afterStep, String lab, boolean inside) {
        super(real);
        this.afterStep = afterStep;
        this.lab = lab;
        this.inside = inside;
    }

    static Kernel around(Kernel real) {
        return around(real, System.getenv());
    }

    static Kernel around(Kernel real, Map<String, String> environment) {
        String step = environment.get(AFTER_STEP);
        if (step == null || step.isBlank()) return real;
        int n;
        try {
            n = Integer.parseInt(step.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(AFTER_STEP + " must be a number of steps, not " + step, e);
        }
        if (n < 0) throw new IllegalArgumentException(AFTER_STEP + " must not be negative, not " + n);
        String only = environment.get(LAB);
        String within = environment.getOrDefault(INSIDE, "").trim();
        if (!within.isEmpty() && !within.equals("1") && !within.equals("0")) {
            throw new IllegalArgumentException(INSIDE + " must be 1 or 0, not " + within);
        }
        return new KillSwitch(real, n, only == null || only.isBlank() ? null : only.trim(), within.equals("1"));
    }

    /**
     * Never kills; {@link #reset} tells how many steps were counted and {@link #births} which of them create a link
     * (the crash-point tests' reference run).
     */
    static KillSwitch counting(Kernel real) {
        return new KillSwitch(real, Integer.MAX_VALUE, null, false);
    }

    /** The steps counted since the last reset. */
    int reset() {
        synchronized (births) {
            births.clear();
        }
        return count.getAndSet(0);
    }

    /** The steps counted since the last reset that create a link: the points where a kill inside a step means something. */
    List<Birth> births() {
        synchronized (births) {
            return List.copyOf(births);
        }
    }

    private boolean counts(String lab) {
        return this.lab == null || this.lab.equals(lab);
    }

    @Override
    public void execute(String lab, List<Operation> steps, IntConsumer done) throws StepFailedException {
        if (!counts(lab)) {
            real.execute(lab, steps, done);
            return;
        }
        int before = count.get();
        synchronized (births) {
            for (int i = 0; i < steps.size(); i++) if (Operation.createsLink(steps.get(i))) births.add(new Birth(before + i, steps.get(i)));
        }
        // k: the steps of this batch that run whole before the kill; inside a step, that step must be in this batch.
        int k = afterStep - before;
        if (k < 0 || k > steps.size() || (inside && k == steps.size())) {
            count.addAndGet(steps.size());
            real.execute(lab, steps, done);
            return;
        }
        count.addAndGet(k);
        if (k > 0) real.execute(lab, steps.subList(0, k), done);
        if (inside) {
            try {
                real.createOnly(lab, steps.get(k));
            } catch (StepFailedException refused) {
                // Nothing was made: the process still dies at this point, as it would have after its k-th step.
            }
        }
        die();
    }

    @Override
    public boolean deleteLinksAtOnce(String lab, String netns, Set<String> ifnames) {
        if (!counts(lab)) return real.deleteLinksAtOnce(lab, netns, ifnames);
        int before = count.get();
        if (afterStep == before) die();
        boolean batched = real.deleteLinksAtOnce(lab, netns, ifnames);
        if (batched && count.addAndGet(ifnames.size()) >= afterStep && afterStep > before) die();
        return batched;
    }

    /** SIGKILL to this very process: no shutdown hook, no finally block, no flush, exactly a crash. */
    private static void die() {
        Signals.INSTANCE.kill((int) ProcessHandle.current().pid(), Signals.SIGKILL);
        // kill(2) on oneself delivers the signal before it returns; this is never reached.
        Runtime.getRuntime().halt(137);
    }

    private interface Signals extends Library {
        Signals INSTANCE = Native.load("c", Signals.class);
        int SIGKILL = 9;

        int kill(int pid, int signal);
    }
}
