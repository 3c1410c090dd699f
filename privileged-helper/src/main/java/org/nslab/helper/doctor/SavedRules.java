package org.nslab.helper.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The output of {@code iptables-save} (any backend) read into tables, chain policies and rules, enough to
 * answer the doctor's questions: what a built-in chain's policy is and which rules accept what.
 */
public final class SavedRules {
    /** One {@code -A CHAIN ...} line split into words (double-quoted words kept whole, quotes removed). */
    public record SavedRule(String table, String chain, List<String> words, String line) {
        /** The value after {@code flag}, when the flag is present and not negated. */
        public Optional<String> option(String flag) {
            for (int i = 0; i + 1 < words.size(); i++) {
                if (words.get(i).equals(flag) && (i == 0 || !words.get(i - 1).equals("!"))) return Optional.of(words.get(i + 1));
            }
            return Optional.empty();
        }

        public String target() {
            return option("-j").or(() -> option("-g")).orElse("");
        }

        /** True when the rule matches on nothing but the interfaces (and a comment): it applies to all traffic there. */
        public boolean onlyInterfaceMatches() {
            for (int i = 2; i < words.size(); i++) {
                String w = words.get(i);
                switch (w) {
                    case "-i", "-o", "-j", "-g", "--comment" -> i++;
                    case "-m" -> {
                        if (i + 1 < words.size() && !words.get(i + 1).equals("comment")) return false;
                        i++;
                    }
                    default -> {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    private final Map<String, Map<String, String>> policies = new LinkedHashMap<>();
    private final List<SavedRule> rules = new ArrayList<>();

    private SavedRules() {}

    public static SavedRules parse(String text) {
        SavedRules saved = new SavedRules();
        String table = null;
        for (String raw : text == null ? new String[0] : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (line.startsWith("*")) {
                table = line.substring(1);
                saved.policies.put(table, new LinkedHashMap<>());
            } else if (line.startsWith(":") && table != null) {
                String[] parts = line.substring(1).split("\\s+");
                saved.policies.get(table).put(parts[0], parts.length > 1 ? parts[1] : "-");
            } else if (line.startsWith("-A ") && table != null) {
                List<String> words = words(line);
                saved.rules.add(new SavedRule(table, words.get(1), words, line));
            }
        }
        return saved;
    }

    /** True when there are no rules, no user chains, and every built-in policy is ACCEPT: the tables do nothing. */
    public boolean isInert() {
        if (!rules.isEmpty()) return false;
        for (Map<String, String> chains : policies.values()) {
            for (String policy : chains.values()) {
                if (!policy.equals("ACCEPT")) return false;
            }
        }
        return true;
    }

    public List<String> tables() {
        return List.copyOf(policies.keySet());
    }

    /** The policy of a built-in chain ({@code "-"} for user chains), or empty when the chain is absent. */
    public Optional<String> policy(String table, String chain) {
        Map<String, String> chains = policies.get(table);
        return chains == null ? Optional.empty() : Optional.ofNullable(chains.get(chain));
    }

    public List<SavedRule> rules(String table, String chain) {
        return rules.stream().filter(r -> r.table().equals(table) && r.chain().equals(chain)).toList();
    }

    public List<SavedRule> rules() {
        return List.copyOf(rules);
    }

    /** The policy lines and rules that drop or reject, in save format, for quoting as evidence. */
    public List<String> dropping() {
        List<String> out = new ArrayList<>();
        policies.forEach((table, chains) -> chains.forEach((chain, policy) -> {
            if (policy.equals("DROP")) out.add("*" + table + " :" + chain + " DROP");
        }));
        for (SavedRule r : rules) {
            if (r.target().equals("DROP") || r.target().equals("REJECT")) out.add("*" + r.table() + " " + r.line());
        }
        return out;
    }

    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && quoted && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any || cur.length() > 0) words.add(cur.toString());
                cur.setLength(0);
                any = false;
            } else {
                cur.append(c);
                any = true;
            }
        }
        if (any || cur.length() > 0) words.add(cur.toString());
        return words;
    }
}
