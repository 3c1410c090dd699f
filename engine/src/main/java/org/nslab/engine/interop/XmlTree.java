package org.nslab.engine.interop;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * An XML document as elements that know their line and column (StAX gives them), with a path per element
 * ({@code /scenario/links/link[2]}) that notes and errors carry as their pointer. DTDs and external entities
 * are refused: a scenario file never needs them, and they would let a file read other files.
 */
final class XmlTree {
    private static final int MAX_DEPTH = 64;

    static final class Element {
        final String name;
        final String path;
        final Map<String, String> attributes = new LinkedHashMap<>();
        final List<Element> children = new ArrayList<>();
        final int line;
        final int column;

        Element(String name, String path, int line, int column) {
            this.name = name;
            this.path = path;
            this.line = line;
            this.column = column;
        }

        String attr(String key) {
            return attributes.get(key);
        }

        List<Element> all(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).toList();
        }

        Element first(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).findFirst().orElse(null);
        }
    }

    private final Source source;
    private final Element root;
    private final Map<String, SourceTree.Place> places = new HashMap<>();

    private XmlTree(Source source, Element root) {
        this.source = source;
        this.root = root;
        index(root);
    }

    private void index(Element e) {
        places.put(e.path, new SourceTree.Place(e.line, e.column));
        e.children.forEach(this::index);
    }

    Element root() {
        return root;
    }

    Source source() {
        return source;
    }

    SourceTree.Place place(String path) {
        String at = path;
        while (true) {
            SourceTree.Place p = places.get(at);
            if (p != null) return p;
            int i = at.lastIndexOf('/');
            if (i <= 0) return new SourceTree.Place(1, 1);
            at = at.substring(0, i);
        }
    }

    ImportException error(String path, String message) {
        SourceTree.Place p = place(path);
        return new ImportException(source.problem(p.line(), p.column(), path, message));
    }

    static XmlTree read(Source source) throws ImportException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        XMLStreamReader r = null;
        try {
            r = f.createXMLStreamReader(new StringReader(source.text()));
            List<Element> stack = new ArrayList<>();
            Element root = null;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.DTD) {
                    throw located(source, r.getLocation(), "a DOCTYPE is not allowed in a scenario file");
                } else if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = r.getLocalName();
                    Location l = r.getLocation();
                    Element parent = stack.isEmpty() ? null : stack.get(stack.size() - 1);
                    String path;
                    if (parent == null) {
                        if (root != null) throw located(source, l, "a second root element <" + name + ">");
                        path = "/" + name;
                    } else {
                        long same = parent.children.stream().filter(c -> c.name.equals(name)).count();
                        path = parent.path + "/" + name + "[" + (same + 1) + "]";
                    }
                    if (stack.size() >= MAX_DEPTH) throw located(source, l, "elements nest deeper than " + MAX_DEPTH + " levels");
                    Element e = new Element(name, path, Math.max(1, l.getLineNumber()), Math.max(1, l.getColumnNumber()));
                    for (int i = 0; i < r.getAttributeCount(); i++) e.attributes.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
                    if (parent == null) root = e;
                    else parent.children.add(e);
                    stack.add(e);
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    stack.remove(stack.size() - 1);
                }
            }
            if (root == null) throw new ImportException(source.problem(1, 1, "", "the file holds no XML element"));
            return new XmlTree(source, root);
        } catch (XMLStreamException e) {
            Location l = e.getLocation();
            String message = e.getMessage() == null ? "malformed XML" : e.getMessage().replaceFirst("(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message:\\s*", "");
            throw l == null ? new ImportException(source.problem(1, 1, "", "cannot read the XML: " + message)) : located(source, l, "cannot read the XML: " + message);
        } catch (RuntimeException e) {
            throw new ImportException(source.problem(1, 1, "", "cannot read the XML: " + e.getMessage()));
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // Nothing is left to release: the text was in memory.
                }
            }
        }
    }

    private static ImportException located(Source source, Location l, String message) {
        return new ImportException(source.problem(Math.max(1, l.getLineNumber()), Math.max(1, l.getColumnNumber()), "", message.replace('\n', ' ')));
    }
}
