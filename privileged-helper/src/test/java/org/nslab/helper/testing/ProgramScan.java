package org.nslab.helper.testing;

import java.util.ArrayList;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the external programs a Java source or a shell script starts, by the patterns this code base uses:
 * the first word of a {@code ProcessBuilder} or of any method that (directly or through another) hands its
 * command to one; command lists ({@code List<String> cmd = List.of("ip", …)}); the program after
 * {@code ip netns exec NS} and {@code env VAR=…}; the script of {@code sh -c}; tool look-ups by name
 * ({@code tool("nft")}, {@code TOOLS = List.of(…)}); absolute paths into a bin folder. A scan that misses
 * a pattern would let an unlisted program through, so {@code ProgramsListedTest} also checks that known
 * programs are found.
 */
final class ProgramScan {
    private static final Pattern CALL = Pattern.compile("(?<![\\w.$])((?:\\w+\\.)*\\w+)\\s*\\(");
    private static final Pattern LITERAL_TOKEN = Pattern.compile("\\$S(\\d+)\\$");
    private static final Pattern METHOD = Pattern.compile(
            "(?:static|private|public|protected|final|\\s)\\s*[\\w<>\\[\\]?, ]+?\\s+(\\w+)\\s*\\(([^()]*)\\)\\s*(?:throws\\s+[\\w., ]+)?\\{");
    private static final Pattern COMMAND_LIST = Pattern.compile(
            "List<String>\\s+(?:cmd|command|argv)\\w*\\s*=\\s*(?:new\\s+ArrayList<>\\()?(?:List\\.of|Arrays\\.asList)\\(\\s*\\$S(\\d+)\\$");
    private static final Pattern TOOL_FIELD = Pattern.compile("\\bTOOLS\\s*=\\s*List\\.of\\(([^;]*)\\);");
    private static final Pattern BIN_PATH = Pattern.compile("^/(?:usr/)?(?:local/)?s?bin/([A-Za-z0-9][\\w.+-]*)$");
    private static final Pattern PROGRAM_NAME = Pattern.compile("[a-z][a-z0-9._+-]*");

    private static final Set<String> SHELL_WORDS = Set.of("if", "then", "else", "elif", "fi", "for", "while", "until",
            "do", "done", "case", "esac", "in", "function", "select", "time", "!", "{", "}", "[[", "]]", "((", "))",
            "echo", "printf", "true", "false", ":", "cd", "set", "shift", "exit", "return", "local", "export", "readonly",
            "declare", "typeset", "unset", "read", "mapfile", "readarray", "trap", "wait", "eval", "source", ".", "test",
            "[", "break", "continue", "umask", "ulimit", "getopts", "hash", "type", "kill", "alias", "exec", "command",
            "builtin", "let", "pwd", "jobs", "fg", "bg", "disown", "shopt");
    /** Words that run the command after them: the next word is the program. */
    private static final Set<String> PREFIXES = Set.of("exec", "command", "nice", "nohup", "time", "sudo", "!", "if", "then",
            "else", "elif", "while", "until", "do");

    private ProgramScan() {}

    /** A program and where it was found. */
    record Found(String program, String where) {}

    /** The Java sources, scanned together: a runner method in one file is called from others. */
    static List<Found> java(Map<String, String> sources) {
        Map<String, Lexed> lexed = new HashMap<>();
        sources.forEach((file, text) -> lexed.put(file, Lexed.of(Path.of(file).getFileName().toString().replaceFirst("\\.java$", ""), text)));
        Methods methods = methods(lexed.values());
        List<Found> found = new ArrayList<>();
        lexed.forEach((file, l) -> {
            for (String program : l.programs(methods)) found.add(new Found(program, file));
        });
        return found;
    }

    /** A shell script's commands: the first word of each simple command, and what {@code sh -c} runs. */
    static List<Found> shell(String file, String script) {
        List<Found> found = new ArrayList<>();
        for (String program : shellPrograms(script)) found.add(new Found(program, file));
        return found;
    }

    /** What the scan learnt about the code base's own methods. */
    private record Methods(Map<String, Integer> runners, Set<String> lookups) {}

    /**
     * Runners: methods (by simple name) that start the command they are given, with the index of that
     * parameter. One is when a {@code String...}, {@code List<String>} or {@code String tool/program}
     * parameter goes straight into a {@code ProcessBuilder} or another runner, or is appended after
     * {@code exec NS} or {@code --} of a command that is then started. Look-ups: methods that check a name
     * with {@code Files.isExecutable}.
     */
    private static Methods methods(Iterable<Lexed> files) {
        record Candidate(String name, int commandIndex, String param, String body, Lexed lexed) {}
        List<Candidate> candidates = new ArrayList<>();
        Set<String> lookups = new TreeSet<>();
        for (Lexed l : files) {
            Matcher m = METHOD.matcher(l.skeleton);
            while (m.find()) {
                String name = m.group(1);
                if (Set.of("if", "for", "while", "switch", "catch", "synchronized").contains(name)) continue;
                List<String> params = splitTopLevel(m.group(2));
                int open = m.end() - 1;
                String body = l.skeleton.substring(open, closing(l.skeleton, open, '{', '}'));
                for (int i = 0; i < params.size(); i++) {
                    Matcher p = Pattern.compile("(?:final\\s+)?(?:String\\s*\\.\\.\\.|(?:List|Collection)<String>|String(?=\\s+(?:tool|program|command|cmd)\\b))\\s+(\\w+)")
                            .matcher(params.get(i).strip());
                    if (p.matches()) candidates.add(new Candidate(l.className + "." + name, i, p.group(1), body, l));
                    if (params.get(i).strip().matches("String\\s+\\w+") && body.contains("isExecutable")) lookups.add(l.className + "." + name);
                }
            }
        }
        Map<String, Integer> runners = new HashMap<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Candidate c : candidates) {
                if (runners.containsKey(c.name) || !handsOver(c.body, c.param, runners, c.lexed)) continue;
                runners.put(c.name, c.commandIndex);
                grew = true;
            }
        }
        return new Methods(runners, lookups);
    }

    /** Whether a method body starts the command held in {@code param}. */
    private static boolean handsOver(String body, String param, Map<String, Integer> runners, Lexed lexed) {
        String ref = "(?:" + Pattern.quote(param) + "(?:\\.toArray\\([^)]*\\))?|List\\.of\\(" + Pattern.quote(param) + "\\))";
        if (Pattern.compile("new\\s+ProcessBuilder\\(\\s*" + ref + "\\s*[,)]").matcher(body).find()) return true;
        Matcher call = CALL.matcher(body);
        while (call.find()) {
            Integer index = runners.get(lexed.resolve(call.group(1)));
            if (index == null) continue;
            int open = call.end() - 1;
            List<String> args = splitTopLevel(body.substring(open + 1, closing(body, open, '(', ')') - 1));
            if (index < args.size() && args.get(index).strip().matches(ref)) return true;
        }
        // ip netns exec NS + command, setpriv … -- + command: the parameter is appended to a list that is started.
        boolean appended = Pattern.compile("\\.addAll\\(\\s*" + ref + "\\s*\\)").matcher(body).find();
        boolean starts = body.contains("new ProcessBuilder(");
        for (Matcher c = CALL.matcher(body); c.find() && !starts; ) starts = runners.containsKey(lexed.resolve(c.group(1)));
        Set<String> words = lexed.literalsIn(body);
        return appended && starts && (words.contains("exec") || words.contains("--"));
    }

    /** A source with comments removed and each string literal replaced by a token {@code $S<n>$}. */
    private record Lexed(String className, String skeleton, List<String> literals) {
        static Lexed of(String className, String text) {
            StringBuilder out = new StringBuilder();
            List<String> literals = new ArrayList<>();
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (text.startsWith("//", i)) {
                    while (i < text.length() && text.charAt(i) != '\n') i++;
                } else if (text.startsWith("/*", i)) {
                    int end = text.indexOf("*/", i + 2);
                    i = end < 0 ? text.length() : end + 2;
                } else if (text.startsWith("\"\"\"", i)) {
                    int end = text.indexOf("\"\"\"", i + 3);
                    end = end < 0 ? text.length() : end;
                    literals.add(text.substring(i + 3, end));
                    out.append("$S").append(literals.size() - 1).append('$');
                    i = end + 3;
                } else if (c == '"') {
                    StringBuilder lit = new StringBuilder();
                    i++;
                    while (i < text.length() && text.charAt(i) != '"') {
                        if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                            lit.append(unescape(text.charAt(i + 1)));
                            i += 2;
                        } else {
                            lit.append(text.charAt(i++));
                        }
                    }
                    i++;
                    literals.add(lit.toString());
                    out.append("$S").append(literals.size() - 1).append('$');
                } else if (c == '\'') {
                    int end = text.charAt(i + 1) == '\\' ? text.indexOf('\'', i + 3) : text.indexOf('\'', i + 2);
                    out.append("'c'");
                    i = end + 1;
                } else {
                    out.append(c);
                    i++;
                }
            }
            return new Lexed(className, out.toString(), literals);
        }

        private static char unescape(char c) {
            return switch (c) {
                case 'n' -> '\n';
                case 't' -> '\t';
                default -> c;
            };
        }

        Set<String> literalsIn(String text) {
            Set<String> out = new TreeSet<>();
            Matcher m = LITERAL_TOKEN.matcher(text);
            while (m.find()) out.add(literals.get(Integer.parseInt(m.group(1))));
            return out;
        }

        /** {@code Class.method} for a call written {@code method(}, {@code Class.method(} or {@code a.b.Class.method(}. */
        String resolve(String callee) {
            String[] parts = callee.split("\\.");
            if (parts.length == 1) return className + "." + callee;
            return parts[parts.length - 2] + "." + parts[parts.length - 1];
        }

        String literal(String token) {
            Matcher m = LITERAL_TOKEN.matcher(token.strip());
            return m.matches() ? literals.get(Integer.parseInt(m.group(1))) : null;
        }

        Set<String> programs(Methods methods) {
            Set<String> out = new LinkedHashSet<>();
            // Every call's arguments: ProcessBuilder and runners give their command's first word; any list of
            // literals may hold "netns exec NS PROG", "env VAR=… PROG" or "sh -c SCRIPT".
            Matcher call = Pattern.compile("(?:new\\s+)?([\\w.]+)\\s*\\(").matcher(skeleton);
            while (call.find()) {
                String callee = call.group(1);
                String simple = callee.substring(callee.lastIndexOf('.') + 1);
                int open = call.end() - 1;
                List<String> args = splitTopLevel(skeleton.substring(open + 1, closing(skeleton, open, '(', ')') - 1));
                if (callee.equals("ProcessBuilder")) addFirstWord(out, args, 0);
                Integer index = methods.runners().get(resolve(callee));
                if (index != null) addFirstWord(out, args, index);
                if (methods.lookups().contains(resolve(callee))) {
                    for (String a : args) {
                        Matcher lit = LITERAL_TOKEN.matcher(a);
                        while (lit.find()) addName(out, literals.get(Integer.parseInt(lit.group(1))));
                    }
                }
                List<String> words = new ArrayList<>();
                for (String a : args) words.add(literal(a));
                inCommandWords(out, words);
            }
            Matcher list = COMMAND_LIST.matcher(skeleton);
            while (list.find()) addName(out, literals.get(Integer.parseInt(list.group(1))));
            Matcher tools = TOOL_FIELD.matcher(skeleton);
            while (tools.find()) {
                Matcher lit = LITERAL_TOKEN.matcher(tools.group(1));
                while (lit.find()) addName(out, literals.get(Integer.parseInt(lit.group(1))));
            }
            for (String lit : literals) {
                Matcher bin = BIN_PATH.matcher(lit);
                if (bin.matches()) out.add(bin.group(1));
            }
            return out;
        }

        /** The first word of the command at {@code args[index]}: a literal, or the first literal of a List.of. */
        private void addFirstWord(Set<String> out, List<String> args, int index) {
            if (index >= args.size()) return;
            String arg = args.get(index).strip();
            Matcher m = Pattern.compile("^(?:new\\s+ArrayList<>\\()?(?:List\\.of|Arrays\\.asList)\\(\\s*(\\$S\\d+\\$)").matcher(arg);
            String word = m.find() ? literal(m.group(1)) : literal(arg);
            if (word != null) addName(out, word);
        }
    }

    /** Programs named inside a command's words (null for a word that is not a literal). */
    private static void inCommandWords(Set<String> out, List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w == null) continue;
            if (w.equals("exec") && i > 0 && "netns".equals(words.get(i - 1)) && i + 2 < words.size() && words.get(i + 2) != null) {
                addName(out, words.get(i + 2));
            }
            if (w.equals("env")) {
                for (int j = i + 1; j < words.size() && words.get(j) != null; j++) {
                    if (!words.get(j).contains("=")) {
                        addName(out, words.get(j));
                        break;
                    }
                }
            }
            if ((w.equals("sh") || w.equals("bash") || w.endsWith("/sh") || w.endsWith("/bash")) && i + 2 < words.size()
                    && "-c".equals(words.get(i + 1)) && words.get(i + 2) != null) {
                out.addAll(shellPrograms(words.get(i + 2)));
            }
        }
    }

    private static void addName(Set<String> out, String word) {
        Matcher bin = BIN_PATH.matcher(word);
        if (bin.matches()) {
            out.add(bin.group(1));
        } else if (PROGRAM_NAME.matcher(word).matches()) {
            out.add(word);
        }
    }

    // ---- shell ----

    /** The programs a shell script starts (an approximation of the grammar that suits the scripts here). */
    static Set<String> shellPrograms(String script) {
        Set<String> functions = new TreeSet<>();
        Matcher fn = Pattern.compile("(?m)^\\s*(?:function\\s+)?([\\w-]+)\\s*\\(\\)").matcher(script);
        while (fn.find()) functions.add(fn.group(1));
        StringBuilder text = new StringBuilder();
        String heredocEnd = null;
        for (String line : script.replace("\\\n", " ").split("\n")) {
            if (heredocEnd != null) {
                if (line.strip().equals(heredocEnd)) heredocEnd = null;
                continue;
            }
            Matcher h = Pattern.compile("<<-?\\s*['\"]?(\\w+)['\"]?").matcher(line);
            if (h.find()) heredocEnd = h.group(1);
            // A case label ("engine|designer)") is not a command.
            text.append(line.replaceFirst("^\\s*[\\w*.|\"$ -]+\\)(?=\\s|$)", "")).append('\n');
        }
        Set<String> out = new TreeSet<>();
        for (String segment : segments(text.toString())) {
            List<String> words = new ArrayList<>(List.of(segment.strip().split("\\s+")));
            while (!words.isEmpty() && (words.get(0).isEmpty() || words.get(0).matches("\\w+=.*")
                    || words.get(0).matches("\\d*[<>].*") || PREFIXES.contains(words.get(0)))) {
                String w = words.remove(0);
                if (w.equals("command") && !words.isEmpty() && words.get(0).equals("-v")) words.remove(0);
                if (w.matches("\\d*[<>]&?") && !words.isEmpty()) words.remove(0);
            }
            if (words.isEmpty()) continue;
            String first = words.get(0);
            Matcher bin = BIN_PATH.matcher(first);
            if (bin.matches()) first = bin.group(1);
            if (SHELL_WORDS.contains(first) || functions.contains(first) || !PROGRAM_NAME.matcher(first).matches()) continue;
            out.add(first);
        }
        return out;
    }

    /**
     * The simple commands of a script: split at newlines, ; & | ( ) { } and backquotes, with comments
     * dropped. Quoted text is data, except $(…) inside double quotes and single-quoted text after
     * {@code -c}, which are scripts; {@code (( … ))}, {@code ${…}} and {@code =( … )} are data too.
     */
    private static List<String> segments(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '#' && (i == 0 || Character.isWhitespace(text.charAt(i - 1)) || text.charAt(i - 1) == ';')) {
                while (i < text.length() && text.charAt(i) != '\n') i++;
            } else if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                end = end < 0 ? text.length() : end;
                if (cur.toString().matches("(?s).*(?:^|\\s)-c\\s*$")) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    out.addAll(segments(text.substring(i + 1, end)));
                } else {
                    cur.append('Q');
                }
                i = end + 1;
            } else if (c == '"') {
                int end = i + 1;
                int depth = 0;
                StringBuilder inner = new StringBuilder();
                while (end < text.length() && (text.charAt(end) != '"' || depth > 0)) {
                    char d = text.charAt(end);
                    if (d == '\\') {
                        end += 2;
                        continue;
                    }
                    if (d == '(' && text.charAt(end - 1) == '$') depth++;
                    if (d == ')' && depth > 0) depth--;
                    inner.append(d);
                    end++;
                }
                Matcher sub = Pattern.compile("\\$\\(").matcher(inner);
                while (sub.find()) {
                    int open = sub.end() - 1;
                    out.addAll(segments(inner.substring(open + 1, closing(inner.toString(), open, '(', ')') - 1)));
                }
                cur.append('Q');
                i = end + 1;
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                cur.append('V');
                i = closing(text, i + 1, '{', '}');
            } else if (text.startsWith("((", i) || (c == '(' && i > 0 && text.charAt(i - 1) == '=')) {
                int end = closing(text, i, '(', ')');
                cur.append('V');
                i = end;
            } else if (c == '\n' || ";&|(){}`".indexOf(c) >= 0) {
                out.add(cur.toString());
                cur.setLength(0);
                i++;
            } else {
                cur.append(c);
                i++;
            }
        }
        out.add(cur.toString());
        return out;
    }

    // ---- shared ----

    /** The index just past the bracket that closes the one at {@code open}. */
    private static int closing(String s, int open, char in, char outChar) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            if (s.charAt(i) == in) depth++;
            else if (s.charAt(i) == outChar && --depth == 0) return i + 1;
        }
        return s.length();
    }

    private static List<String> splitTopLevel(String args) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int angle = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : args.toCharArray()) {
            if (c == '(' || c == '[' || c == '{') depth++;
            if (c == ')' || c == ']' || c == '}') depth--;
            if (c == '<') angle++;
            if (c == '>' && angle > 0) angle--;
            if (c == ',' && depth == 0 && angle == 0) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (!cur.toString().isBlank()) out.add(cur.toString());
        return out;
    }
}
