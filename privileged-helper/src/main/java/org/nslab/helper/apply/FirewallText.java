package org.nslab.helper.apply;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reading iptables-save output: what the lab loaded, and what removes it again. */
final class FirewallText {
    private FirewallText() {}

    /** The save without comments and counters, so two reads of the same rules compare equal. */
    static String normalize(String save) {
        List<String> out = new ArrayList<>();
        for (String line : save.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            out.add(line.replaceAll("\\[\\d+:\\d+\\]", "").stripTrailing());
        }
        return String.join("\n", out);
    }

    /**
     * Only the lines that belong to the lab in a namespace it shares ({@code host}): its chains, their rules,
     * and the rules that jump into them, each prefixed by its table.
     */
    static String owned(String save, Set<String> chains) {
        List<String> out = new ArrayList<>();
        String table = "";
        for (String line : normalize(save).split("\n")) {
            if (line.startsWith("*")) {
                table = line.substring(1);
            } else if (line.startsWith(":") && chains.contains(chainOfDeclaration(line))) {
                out.add(table + " " + line);
            } else if (line.startsWith("-A ") && (chains.contains(word(line, 1)) || chains.contains(jumpTarget(line)))) {
                out.add(table + " " + line);
            }
        }
        return String.join("\n", out);
    }

    /**
     * iptables-restore --noflush input that removes the lab's chains and every rule jumping into them, and
     * nothing else; empty when none of them is there.
     */
    static String unloadInput(String save, Set<String> chains) {
        Map<String, List<String>> byTable = new LinkedHashMap<>();
        Map<String, List<String>> declared = new LinkedHashMap<>();
        String table = "";
        for (String line : normalize(save).split("\n")) {
            if (line.startsWith("*")) {
                table = line.substring(1);
            } else if (line.startsWith(":") && chains.contains(chainOfDeclaration(line))) {
                declared.computeIfAbsent(table, t -> new ArrayList<>()).add(chainOfDeclaration(line));
            } else if (line.startsWith("-A ") && !chains.contains(word(line, 1)) && chains.contains(jumpTarget(line))) {
                byTable.computeIfAbsent(table, t -> new ArrayList<>()).add("-D " + line.substring(3));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String t : union(byTable.keySet(), declared.keySet())) {
            sb.append('*').append(t).append('\n');
            for (String del : byTable.getOrDefault(t, List.of())) sb.append(del).append('\n');
            for (String c : declared.getOrDefault(t, List.of())) sb.append("-F ").append(c).append('\n');
            for (String c : declared.getOrDefault(t, List.of())) sb.append("-X ").append(c).append('\n');
            sb.append("COMMIT\n");
        }
        return sb.toString();
    }

    private static final Map<String, List<String>> BUILT_IN = Map.of(
            "filter", List.of("INPUT", "FORWARD", "OUTPUT"),
            "nat", List.of("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"),
            "mangle", List.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"),
            "raw", List.of("PREROUTING", "OUTPUT"),
            "security", List.of("INPUT", "FORWARD", "OUTPUT"));

    /**
     * iptables-restore input that empties each table {@code input} names and {@code currentSave} lacks (built-in chains
     * back to ACCEPT, no rules): appended to the saved rules, it undoes a whole-table load into a namespace that had no
     * such table, which restoring the save alone would leave loaded.
     */
    static String emptyTables(String input, String currentSave) {
        Set<String> present = new java.util.HashSet<>();
        for (String line : currentSave.split("\n")) if (line.startsWith("*")) present.add(line.substring(1).strip());
        StringBuilder sb = new StringBuilder();
        for (String line : input.split("\n")) {
            if (!line.startsWith("*")) continue;
            String table = line.substring(1).strip();
            if (!present.add(table) || !BUILT_IN.containsKey(table)) continue;
            sb.append('*').append(table).append('\n');
            for (String chain : BUILT_IN.get(table)) sb.append(':').append(chain).append(" ACCEPT [0:0]\n");
            sb.append("COMMIT\n");
        }
        return sb.toString();
    }

    /**
     * The lab's chains, plus a {@code *table} entry for each table the rules would bring into existence: such
     * a table did not exist before the lab (iptables-nft creates tables on first use), so removing the lab's
     * chains also removes the table once it is empty again, and iptables-save reads as before. A table that other
     * labs made ({@code madeByLabs}) counts as not there before either: whichever lab leaves it last removes it, so
     * labs torn down in any order leave the rules as they were before the first. Chain names never start with
     * {@code *}.
     */
    static List<String> withNewTables(List<String> chains, String input, String currentSave, Set<String> madeByLabs) {
        List<String> out = new ArrayList<>(chains);
        Set<String> present = new java.util.HashSet<>();
        for (String line : currentSave.split("\n")) if (line.startsWith("*")) present.add(line.substring(1).strip());
        present.removeAll(madeByLabs);
        for (String line : input.split("\n")) {
            if (line.startsWith("*")) {
                String table = line.substring(1).strip();
                if (!present.contains(table) && !out.contains("*" + table)) out.add("*" + table);
            }
        }
        return out;
    }

    static List<String> chainsOnly(List<String> owned) {
        return owned.stream().filter(c -> !c.startsWith("*")).toList();
    }

    static List<String> tablesOnly(List<String> owned) {
        return owned.stream().filter(c -> c.startsWith("*")).map(c -> c.substring(1)).toList();
    }

    /** True when the save shows {@code table} with no rules, no user chains and every policy ACCEPT. */
    static boolean emptyTable(String save, String table) {
        String current = "";
        boolean seen = false;
        for (String line : normalize(save).split("\n")) {
            if (line.startsWith("*")) {
                current = line.substring(1);
                seen |= current.equals(table);
            } else if (current.equals(table)) {
                if (line.startsWith("-A ")) return false;
                if (line.startsWith(":") && !word(line, 1).equals("ACCEPT")) return false;
            }
        }
        return seen;
    }

    /** The policy of a built-in chain in the save ({@code ACCEPT}/{@code DROP}), or null. */
    static String policy(String save, String table, String chain) {
        String current = "";
        for (String line : normalize(save).split("\n")) {
            if (line.startsWith("*")) current = line.substring(1);
            else if (current.equals(table) && line.startsWith(":" + chain + " ")) return word(line, 1);
        }
        return null;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> union(Set<String> a, Set<String> b) {
        List<String> all = new ArrayList<>(a);
        for (String s : b) if (!all.contains(s)) all.add(s);
        return all;
    }

    private static String chainOfDeclaration(String line) {
        return word(line, 0).substring(1);
    }

    private static String jumpTarget(String line) {
        String[] w = line.split(" ");
        for (int i = 0; i + 1 < w.length; i++) {
            if (w[i].equals("-j") || w[i].equals("-g")) return w[i + 1];
        }
        return "";
    }

    private static String word(String line, int index) {
        String[] w = line.split(" ");
        return index < w.length ? w[index] : "";
    }
}
