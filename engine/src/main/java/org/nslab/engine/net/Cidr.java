package org.nslab.engine.net;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An address with a prefix length, as {@code ip addr} and {@code ip route} write it: {@code 10.0.1.2/24}.
 * The address keeps its host bits (an interface address); {@link #network()} clears them.
 */
public record Cidr(IpAddress address, int prefixLength) implements Comparable<Cidr> {
    private static final Pattern PREFIX_LENGTH = Pattern.compile("0|[1-9][0-9]{0,2}");


    public Cidr {
        if (address == null) throw new IllegalArgumentException("a CIDR needs an address");
        if (prefixLength < 0 || prefixLength > address.family().bits()) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0.." + address.family().bits());
        }
    }

    /** Parses {@code address/prefix}; the prefix is required. */
    public static Cidr parse(String text) {
        if (text == null) throw new IllegalArgumentException("a CIDR is empty");
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("\"" + text + "\" has no prefix length");
        }
        IpAddress a;
        try {
            a = IpAddress.parse(text.substring(0, slash));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a CIDR: " + e.getMessage());
        }
        String p = text.substring(slash + 1);
        int max = a.family().bits();
        if (!PREFIX_LENGTH.matcher(p).matches() || Integer.parseInt(p) > max) {
            throw new IllegalArgumentException("\"" + text + "\" has prefix length \"" + p + "\"; " + a.family() + " prefixes are 0.." + max);
        }
        return new Cidr(a, Integer.parseInt(p));
    }

    public static Optional<Cidr> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** An address, or a CIDR; a bare address is the single-host prefix (/32 or /128), as iptables reads it. */
    public static Cidr parseAddressOrCidr(String text) {
        if (text != null && text.indexOf('/') < 0) {
            IpAddress a = IpAddress.parse(text);
            return new Cidr(a, a.family().bits());
        }
        return parse(text);
    }

    public static Cidr of(IpAddress address, int prefixLength) {
        return new Cidr(address, prefixLength);
    }

    public Family family() {
        return address.family();
    }

    /** This prefix with the host bits cleared: {@code 10.0.1.2/24} → {@code 10.0.1.0/24}. */
    public Cidr network() {
        return new Cidr(address.masked(prefixLength), prefixLength);
    }

    /** True when no host bits are set, as {@code ip route} requires of a destination. */
    public boolean isNetwork() {
        return address.equals(address.masked(prefixLength));
    }

    /** True when {@code other} lies in this prefix (always false across families). */
    public boolean contains(IpAddress other) {
        return other.family() == family() && other.samePrefix(address, prefixLength);
    }

    /** True when the two prefixes share at least one address. */
    public boolean overlaps(Cidr other) {
        if (other.family() != family()) return false;
        int p = Math.min(prefixLength, other.prefixLength);
        return address.masked(p).equals(other.address.masked(p));
    }

    @Override
    public String toString() {
        return address + "/" + prefixLength;
    }

    @Override
    public int compareTo(Cidr o) {
        int c = address.compareTo(o.address);
        return c != 0 ? c : Integer.compare(prefixLength, o.prefixLength);
    }
}
