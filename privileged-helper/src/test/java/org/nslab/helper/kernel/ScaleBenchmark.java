package org.nslab.helper.kernel;

import java.util.ArrayList;
import java.util.List;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.plan.Operation.AddAddress;
import org.nslab.engine.plan.Operation.CreateBridge;
import org.nslab.engine.plan.Operation.CreateNamespace;
import org.nslab.engine.plan.Operation.CreateVeth;
import org.nslab.engine.plan.Operation.DeleteNamespace;
import org.nslab.engine.plan.Operation.SetUp;
import org.nslab.engine.plan.Operation.VethSide;
import org.nslab.engine.plan.Operation;
import org.nslab.helper.testing.HostSnapshot;

/**
 * Prints how long the kernel layer takes for N namespaces, each wired by a veth to one bridge and given an
 * address, and to tear them down again. Not a test: it asserts nothing about time. It must run as root inside
 * the test sandbox (it creates real namespaces), for example from privileged-helper/ after a build:
 *
 * <pre>
 * NSLAB_TEST_JAVA=$JAVA_HOME/bin/java ../.ci/sandbox/bin/java \
 *   -cp target/classes:target/test-classes:"target/lib/*" \
 *   org.nslab.helper.kernel.ScaleBenchmark 1000
 * </pre>
 */
public final class ScaleBenchmark {
    private ScaleBenchmark() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        if (!HostSnapshot.inSandbox()) {
            System.err.println("refusing to run outside the test sandbox (see the class comment)");
            System.exit(2);
        }
        List<Operation> namespaces = new ArrayList<>();
        List<Operation> links = new ArrayList<>();
        List<Operation> addresses = new ArrayList<>();
        List<Operation> teardown = new ArrayList<>();
        namespaces.add(new CreateNamespace("bench-core"));
        links.add(new CreateBridge("bench-core", "br0", null, false));
        for (int i = 0; i < n; i++) {
            String ns = "bench-" + i;
            namespaces.add(new CreateNamespace(ns));
            links.add(new CreateVeth(new VethSide(ns, "eth0", null, null, true, null),
                    new VethSide("bench-core", "p" + i, null, null, true, "br0")));
            addresses.add(new AddAddress(ns, "eth0", Cidr.parse("10." + (100 + i / 65536) + "." + (i / 256 % 256) + "." + (i % 256) + "/8")));
            teardown.add(new DeleteNamespace(ns));
        }
        links.add(new SetUp("bench-core", "br0"));
        teardown.add(new DeleteNamespace("bench-core"));

        try (KernelExecutor ex = KernelExecutor.forLab("bench")) {
            long t0 = System.nanoTime();
            ex.executeAll(namespaces, null);
            long t1 = System.nanoTime();
            ex.executeAll(links, null);
            long t2 = System.nanoTime();
            ex.executeAll(addresses, null);
            long t3 = System.nanoTime();
            int ports = (int) KernelObserver.links(ex.handle("bench-core")).stream().filter(l -> "br0".equals(l.master())).count();
            long t4 = System.nanoTime();
            KernelObserver.State core = KernelObserver.observe(ex.handle("bench-core"));
            long t4b = System.nanoTime();
            long t4c = System.nanoTime();
            ex.executeAll(teardown, null);
            long t5 = System.nanoTime();
            print("create " + (n + 1) + " namespaces", t0, t1, n);
            print("create " + n + " veths (born in place, tagged, enslaved, up) + bridge", t1, t2, n);
            print("add " + n + " addresses", t2, t3, n);
            print("observe bridge namespace (" + ports + " ports seen)", t3, t4, n);
            print("observe again: links, addresses, routes (" + core.links().size() + " links)", t4, t4b, n);
            print("delete " + (n + 1) + " namespaces", t4c, t5, n);
            print("total", t0, t5 - (t4c - t3), n);
        }
    }

    private static void print(String what, long from, long to, int n) {
        double ms = (to - from) / 1e6;
        System.out.printf("%-70s %9.1f ms  (%.1f us per namespace)%n", what, ms, ms * 1000 / n);
    }
}
