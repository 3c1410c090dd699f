package org.nslab.helper.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.problem.JsonPointer;

/**
 * Reads {@code /etc/nslab/policy.json}. Strict: an unknown or duplicate key, a wrong type or value, trailing text
 * is an error, each reported as {@code file:line:col /pointer: message}. A missing file is the default policy; a
 * file that is there but wrong is never half used (the helper refuses to start), and neither is one a non-root
 * user could have written, since whoever writes it decides what members may do.
 */
public final class PolicyFile {
    public static final String FORMAT = "nslab-policy/1";
    static final int MAX_BYTES = 64 * 1024;
    private static final Pattern SYSCTL_PATTERN = Pattern.compile("net(\\.([A-Za-z0-9_-]+|\\*))+");
    private static final List<String> KEYS = List.of("format", "hostPrefixes", "hostSysctls", "hostFirewall", "tunOwners", "hostProbes");
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private PolicyFile() {}

    /** Why a policy file cannot be used: every problem, each one line with its place. */
    public static final class Invalid extends Exception {
        private final transient List<String> problems;

        Invalid(Path file, List<String> problems) {
            super(file + " cannot be used: " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() { return problems; }
    }

    /** The policy in {@code file}, or the default when there is no such file. */
    public static MemberPolicy load(Path file) throws Invalid {
        byte[] bytes;
        try {
            PosixFileAttributes attrs = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            requireTrusted(file, attrs);
            PosixFileAttributes dir = Files.readAttributes(file.toAbsolutePath().getParent(), PosixFileAttributes.class);
            requireTrusted(file.toAbsolutePath().getParent(), dir);
            if (attrs.size() > MAX_BYTES) throw new Invalid(file, List.of(file + ": larger than " + MAX_BYTES + " bytes; a policy is a few lines"));
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return MemberPolicy.defaults();
        } catch (IOException e) {
            throw new Invalid(file, List.of(file + ": cannot be read: " + e.getMessage()));
        }
        return parse(file, bytes);
    }

    private static void requireTrusted(Path path, PosixFileAttributes attrs) throws Invalid {
        if (attrs.isSymbolicLink()) throw new Invalid(path, List.of(path + ": is a symbolic link; put the policy itself there"));
        Set<PosixFilePermission> mode = attrs.permissions();
        boolean writableByOthers = mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE);
        if (!attrs.owner().getName().equals("root") || writableByOthers) {
            throw new Invalid(path, List.of(path + ": must be owned by root and writable by root alone (it decides what members of the "
                    + "helper's group may do); fix with: sudo chown root:root " + path + " && sudo chmod go-w " + path));
        }
    }

    static MemberPolicy parse(Path file, byte[] bytes) throws Invalid {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Invalid(file, List.of(file + ": not UTF-8 text"));
        }
        Tree tree;
        try (JsonParser p = FACTORY.createParser(text)) {
            tree = Tree.read(p);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new Invalid(file, List.of(file + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new Invalid(file, List.of(file + ": " + e.getMessage()));
        }
        return new Reader(file, tree).policy();
    }

    /** The file's values by JSON Pointer, with where each starts; the problems of its structure found on the way. */
    private record Tree(Map<String, Object> values, Map<String, JsonLocation> places, List<Duplicate> duplicates) {
        static Tree read(JsonParser p) throws IOException {
            Tree t = new Tree(new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>());
            JsonToken first = p.nextToken();
            if (first == null) throw new com.fasterxml.jackson.core.JsonParseException(p, "the file is empty; expected a JSON object");
            t.places.put("", p.currentTokenLocation());
            t.values.put("", t.value(p, ""));
            if (p.nextToken() != null) throw new com.fasterxml.jackson.core.JsonParseException(p, "text after the policy object", p.currentTokenLocation());
            return t;
        }

        private Object value(JsonParser p, String pointer) throws IOException {
            switch (p.currentToken()) {
                case START_OBJECT -> {
                    Map<String, String> members = new LinkedHashMap<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        String child = JsonPointer.child(pointer, key);
                        JsonLocation at = p.currentTokenLocation();
                        p.nextToken();
                        if (members.containsKey(key)) {
                            duplicates.add(new Duplicate(child, key, at));
                            p.skipChildren();
                            continue;
                        }
                        places.put(child, at);
                        values.put(child, value(p, child));
                        members.put(key, child);
                    }
                    return members;
                }
                case START_ARRAY -> {
                    List<String> items = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        String child = JsonPointer.child(pointer, items.size());
                        places.put(child, p.currentTokenLocation());
                        values.put(child, value(p, child));
                        items.add(child);
                    }
                    return items;
                }
                case VALUE_STRING -> { return p.getText(); }
                case VALUE_TRUE, VALUE_FALSE -> { return p.getBooleanValue(); }
                case VALUE_NULL -> { return null; }
                default -> { return p.getNumberValue(); }
            }
        }
    }

    private record Duplicate(String pointer, String key, JsonLocation at) {}

    /** Turns the tree into a policy, collecting every problem with its place. */
    private static final class Reader {
        private final Path file;
        private final Tree tree;
        private final List<String> problems = new ArrayList<>();

        Reader(Path file, Tree tree) {
            this.file = file;
            this.tree = tree;
        }

        MemberPolicy policy() throws Invalid {
            for (Duplicate d : tree.duplicates()) problem(d.pointer(), d.at(), "duplicate key \"" + d.key() + "\"; each setting is given once");
            if (!(tree.values().get("") instanceof Map<?, ?> top)) {
                problem("", "expected a JSON object");
                throw new Invalid(file, problems);
            }
            for (Object key : top.keySet()) {
                if (!KEYS.contains((String) key)) problem(JsonPointer.child("", (String) key), "unknown key \"" + key + "\"; known keys: " + String.join(", ", KEYS));
            }
            if (!top.containsKey("format")) problem("", "missing \"format\": \"" + FORMAT + "\"");
            else if (!FORMAT.equals(tree.values().get("/format"))) problem("/format", "expected \"" + FORMAT + "\"");
            List<Cidr> prefixes = top.containsKey("hostPrefixes") ? prefixes() : MemberPolicy.DEFAULT_HOST_PREFIXES;
            List<String> sysctls = top.containsKey("hostSysctls") ? sysctls() : List.of();
            boolean firewall = choice(top, "hostFirewall", "lab-interfaces", "any");
            boolean tuns = choice(top, "tunOwners", "caller", "any");
            boolean probes = choice(top, "hostProbes", "lab-addresses", "any");
            if (!problems.isEmpty()) throw new Invalid(file, problems);
            return new MemberPolicy(prefixes, sysctls, firewall, tuns, probes, file);
        }

        private List<Cidr> prefixes() {
            List<Cidr> out = new ArrayList<>();
            for (String at : items("/hostPrefixes", "network prefixes such as \"10.0.0.0/8\"")) {
                if (!(tree.values().get(at) instanceof String text)) {
                    problem(at, "expected a string");
                    continue;
                }
                var cidr = Cidr.tryParse(text);
                if (cidr.isEmpty()) problem(at, "\"" + text + "\" is not a network prefix with its length, such as \"10.0.0.0/8\"");
                else if (!cidr.get().isNetwork()) problem(at, "\"" + text + "\" has host bits set; the network is " + cidr.get().network());
                else out.add(cidr.get());
            }
            return out;
        }

        private List<String> sysctls() {
            List<String> out = new ArrayList<>();
            for (String at : items("/hostSysctls", "sysctl keys such as \"net.ipv4.ip_forward\"")) {
                if (!(tree.values().get(at) instanceof String text)) {
                    problem(at, "expected a string");
                } else if (!SYSCTL_PATTERN.matcher(text).matches()) {
                    problem(at, "\"" + text + "\" is not a net.* sysctl key (dot-separated names, * for one of the lab's interfaces)");
                } else {
                    out.add(text);
                }
            }
            return out;
        }

        /** The pointers of the array's items, in file order; a problem when it is not an array. */
        private List<String> items(String pointer, String expected) {
            if (!(tree.values().get(pointer) instanceof List<?> items)) {
                problem(pointer, "expected an array of " + expected);
                return List.of();
            }
            return items.stream().map(String.class::cast).toList();
        }

        /** False for the narrow value (also when the key is absent), true for the wide one. */
        private boolean choice(Map<?, ?> top, String key, String narrow, String wide) {
            if (!top.containsKey(key)) return false;
            Object v = tree.values().get("/" + key);
            if (wide.equals(v)) return true;
            if (!narrow.equals(v)) problem("/" + key, "expected \"" + narrow + "\" (the default) or \"" + wide + "\"");
            return false;
        }

        private void problem(String pointer, String message) {
            problem(pointer, tree.places().get(pointer), message);
        }

        private void problem(String pointer, JsonLocation at, String message) {
            String place = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            problems.add(file + place + (pointer.isEmpty() ? "" : " " + pointer) + ": " + message);
        }
    }
}
