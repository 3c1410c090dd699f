package org.nslab.engine.netfilter;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The iptables tables a design may use, with the hooks their built-in chains sit at and the priority the kernel
 * registers them with there (lower runs first; {@code NF_IP_PRI_*}). nat registers twice: destination NAT before
 * filter (-100, PREROUTING and OUTPUT), source NAT after it (100, INPUT and POSTROUTING).
 */
public enum Table {
    RAW("raw", true, Map.of(Hook.PREROUTING, -300, Hook.OUTPUT, -300)),
    MANGLE("mangle", true, Map.of(Hook.PREROUTING, -150, Hook.INPUT, -150, Hook.FORWARD, -150, Hook.OUTPUT, -150,
            Hook.POSTROUTING, -150)),
    NAT("nat", false, Map.of(Hook.PREROUTING, -100, Hook.INPUT, 100, Hook.OUTPUT, -100, Hook.POSTROUTING, 100)),
    FILTER("filter", true, Map.of(Hook.INPUT, 0, Hook.FORWARD, 0, Hook.OUTPUT, 0));

    private final String iptablesName;
    private final boolean takesPolicy;
    private final Map<Hook, Integer> priorities;

    Table(String iptablesName, boolean takesPolicy, Map<Hook, Integer> priorities) {
        this.iptablesName = iptablesName;
        this.takesPolicy = takesPolicy;
        this.priorities = Collections.unmodifiableMap(new EnumMap<>(priorities));
    }

    /** The name as iptables and the design write it ({@code filter}). */
    public String iptablesName() {
        return iptablesName;
    }

    /**
     * Whether its built-in chains take a policy other than ACCEPT in a design. The kernel's nat table of the
     * legacy backend accepts none, so a design never sets one there, whatever iptables-nft would allow.
     */
    public boolean takesPolicy() {
        return takesPolicy;
    }

    /** The hooks of its built-in chains, in hook order. */
    public List<Hook> hooks() {
        return priorities.keySet().stream().sorted().toList();
    }

    /** Its built-in chain names, in hook order. */
    public List<String> builtInChains() {
        return hooks().stream().map(Hook::name).toList();
    }

    public boolean hasBuiltIn(String chain) {
        Hook h = Hook.ofChain(chain);
        return h != null && priorities.containsKey(h);
    }

    /** The kernel's priority of this table at {@code hook}; only for a hook it has. */
    public int priorityAt(Hook hook) {
        Integer p = priorities.get(hook);
        if (p == null) throw new IllegalArgumentException(iptablesName + " has no chain at " + hook);
        return p;
    }

    /** The table of that iptables name, or null. */
    public static Table named(String name) {
        for (Table t : values()) if (t.iptablesName.equals(name)) return t;
        return null;
    }
}
