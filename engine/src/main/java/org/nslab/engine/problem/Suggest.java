package org.nslab.engine.problem;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" for misspelt keys and names: the closest candidate within a small edit distance. Looking through
 * many candidates for many typos is the one search a design can make quadratic, so a {@link Budget} shared by one
 * validation caps the candidates compared in all; once it is spent, problems simply carry no suggestion.
 */
public final class Suggest {
    private Suggest() {}

    /** How many candidates one validation may still compare; not thread-safe, one per validation. */
    public static final class Budget {
        /** Enough for 500 typos against 2,000 names each, a fraction of a second. */
        public static final long DEFAULT = 1_000_000;
        private long remaining;

        public Budget(long comparisons) {
            this.remaining = comparisons;
        }

        public static Budget unlimited() {
            return new Budget(Long.MAX_VALUE);
        }

        boolean spend(int comparisons) {
            if (remaining < comparisons) {
                remaining = 0;
                return false;
            }
            remaining -= comparisons;
            return true;
        }
    }

    public static Optional<String> closest(String typed, Collection<String> candidates) {
        return closest(typed, candidates, Budget.unlimited());
    }

    public static Optional<String> closest(String typed, Collection<String> candidates, Budget budget) {
        if (!budget.spend(candidates.size())) return Optional.empty();
        String lower = typed.toLowerCase(Locale.ROOT);
        // Allow about one edit per three characters, so "adresses" finds "addresses" but "x" finds nothing.
        int allowed = Math.max(1, typed.length() / 3);
        String best = null;
        int bestDistance = allowed + 1;
        for (String c : candidates) {
            // Lengths further apart than the allowance cannot be close; most candidates stop here.
            if (Math.abs(c.length() - typed.length()) >= bestDistance) continue;
            int d = distance(lower, c.toLowerCase(Locale.ROOT), bestDistance - 1);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Optimal string alignment distance: Levenshtein plus transposition of neighbours ("potr" → "port"). */
    static int distance(String a, String b) {
        return distance(a, b, Integer.MAX_VALUE - 1);
    }

    /** The distance, or {@code limit + 1} as soon as it is sure to exceed {@code limit}. */
    private static int distance(String a, String b, int limit) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            int rowMin = d[i][0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
                rowMin = Math.min(rowMin, d[i][j]);
            }
            // A transposition reaches back two rows, so only stop when this row and the one before are both over.
            if (rowMin > limit && i > 1 && minOf(d[i - 1]) > limit) return limit + 1;
        }
        return d[a.length()][b.length()];
    }

    private static int minOf(int[] row) {
        int m = Integer.MAX_VALUE;
        for (int v : row) m = Math.min(m, v);
        return m;
    }
}
