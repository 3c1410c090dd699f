package org.nslab.engine.firewall;

import java.util.List;

/**
 * What a lab puts into the host's iptables: its own chains and one jump from each built-in chain it uses.
 * {@code restoreInput} is for {@code iptables-restore --noflush}; {@link #unloadInput()} removes exactly these
 * jumps and chains again and nothing of the host's own rules.
 */
public record HostRules(String restoreInput, List<String> ownedChains, List<OwnedChain> chains, List<Jump> jumps) {

    public HostRules {
        ownedChains = List.copyOf(ownedChains);
        chains = List.copyOf(chains);
        jumps = List.copyOf(jumps);
    }

    public record OwnedChain(String table, String chain) {}

    /** The rule that enters a lab chain from a built-in chain; it carries the lab's name as a comment. */
    public record Jump(String table, String builtIn, String chain, String lab) {
        /** The rule after {@code -A}/{@code -D}: the same text adds it and deletes it. */
        public String ruleSpec() {
            return builtIn + " -m comment --comment \"nslab:" + lab + "\" -j " + chain;
        }
    }

    public boolean isEmpty() {
        return chains.isEmpty();
    }

    /**
     * Input for {@code iptables-restore --noflush} that deletes the jumps, then flushes every lab chain (so
     * jumps between them go), then deletes the chains; one table at a time, each committed atomically.
     */
    public String unloadInput() {
        StringBuilder out = new StringBuilder();
        for (String table : IptablesRenderer.BUILT_IN.keySet()) {
            List<String> inTable = chains.stream().filter(c -> c.table().equals(table)).map(OwnedChain::chain).toList();
            if (inTable.isEmpty()) continue;
            out.append('*').append(table).append('\n');
            jumps.stream().filter(j -> j.table().equals(table)).forEach(j -> out.append("-D ").append(j.ruleSpec()).append('\n'));
            inTable.forEach(c -> out.append("-F ").append(c).append('\n'));
            inTable.forEach(c -> out.append("-X ").append(c).append('\n'));
            out.append("COMMIT\n");
        }
        return out.toString();
    }
}
