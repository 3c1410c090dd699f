package org.nslab.engine.netfilter;

import java.util.List;

/**
 * The five netfilter hooks, named as iptables names their built-in chains, in the order of the usual diagram.
 * A packet crosses them along one of three {@link Path}s.
 */
public enum Hook {
    PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING;

    /** The hooks a packet crosses, in order, by where it comes from and goes to. */
    public enum Path {
        /** Arrives on an interface and is for this namespace. */
        LOCAL_IN(List.of(PREROUTING, INPUT)),
        /** Arrives on an interface and is routed out of another. */
        FORWARD(List.of(PREROUTING, Hook.FORWARD, POSTROUTING)),
        /** Sent by a socket of this namespace. */
        LOCAL_OUT(List.of(OUTPUT, POSTROUTING));

        private final List<Hook> hooks;

        Path(List<Hook> hooks) {
            this.hooks = hooks;
        }

        public List<Hook> hooks() {
            return hooks;
        }
    }

    /** The hook named by a built-in chain, or null for any other name. */
    public static Hook ofChain(String chain) {
        for (Hook h : values()) if (h.name().equals(chain)) return h;
        return null;
    }
}
