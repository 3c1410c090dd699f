package org.nslab.helper.capture;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;

/**
 * A classic BPF program as SO_ATTACH_FILTER takes it. Filters are compiled by libpcap itself (pcap_open_dead +
 * pcap_compile, the same compiler tcpdump uses), never parsed here; an empty filter is the program that
 * accepts every packet. The kernel checks every program it is given, so a program from a client cannot do more
 * than select packets.
 */
public record BpfProgram(List<Instruction> instructions) {
    /** struct sock_filter: opcode, jump-if-true, jump-if-false, constant. */
    public record Instruction(int code, int jt, int jf, long k) {
        public List<Long> wire() {
            return List.of((long) code, (long) jt, (long) jf, k);
        }

        public static Instruction ofWire(List<Long> w) {
            if (w == null || w.size() != 4) throw new IllegalArgumentException("a filter instruction is four numbers");
            return new Instruction(w.get(0).intValue() & 0xFFFF, w.get(1).intValue() & 0xFF, w.get(2).intValue() & 0xFF,
                    w.get(3) & 0xFFFFFFFFL);
        }
    }

    /** BPF_MAXINSNS: the kernel refuses longer programs. */
    public static final int MAX_INSTRUCTIONS = 4096;
    private static final int LINKTYPE_ETHERNET = 1;
    private static final int SNAPLEN = 262144;

    public BpfProgram {
        instructions = List.copyOf(instructions);
        if (instructions.isEmpty() || instructions.size() > MAX_INSTRUCTIONS) {
            throw new IllegalArgumentException("a filter program has 1.." + MAX_INSTRUCTIONS + " instructions");
        }
    }

    /** Accepts every packet, whole (BPF_RET|BPF_K with the snap length). */
    public static BpfProgram acceptAll() {
        return new BpfProgram(List.of(new Instruction(0x06, 0, 0, SNAPLEN)));
    }

    interface Pcap extends Library {
        Pointer pcap_open_dead(int linktype, int snaplen);

        int pcap_compile(Pointer pcap, Pointer program, String expression, int optimize, int netmask);

        void pcap_freecode(Pointer program);

        String pcap_geterr(Pointer pcap);

        void pcap_close(Pointer pcap);
    }

    private static final class Holder {
        // Debian's libpcap0.8 ships only the versioned name (the plain .so comes with the -dev package).
        static final Pcap PCAP = load();

        private static Pcap load() {
            UnsatisfiedLinkError first = null;
            for (String name : List.of("pcap", "libpcap.so.0.8", "libpcap.so.1")) {
                try {
                    return Native.load(name, Pcap.class);
                } catch (UnsatisfiedLinkError e) {
                    if (first == null) first = e;
                }
            }
            throw first;
        }
    }

    /**
     * Compiles a tcpdump filter expression for Ethernet frames. Throws {@link IllegalArgumentException} with
     * libpcap's message when the expression is not a filter, or when libpcap is missing.
     */
    public static BpfProgram compile(String expression) {
        if (expression == null || expression.isBlank()) return acceptAll();
        Pcap pcap;
        try {
            pcap = Holder.PCAP;
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new IllegalArgumentException("filters need libpcap (Debian: apt install libpcap0.8): " + e.getMessage());
        }
        Pointer handle = pcap.pcap_open_dead(LINKTYPE_ETHERNET, SNAPLEN);
        if (handle == null) throw new IllegalStateException("libpcap could not open a compiler handle");
        // struct bpf_program: u_int bf_len, then (aligned) struct bpf_insn *bf_insns.
        Memory program = new Memory(16);
        program.clear();
        try {
            if (pcap.pcap_compile(handle, program, expression, 1, 0xFFFFFFFF) != 0) {
                throw new IllegalArgumentException("not a capture filter: " + pcap.pcap_geterr(handle));
            }
            try {
                int length = program.getInt(0);
                Pointer insns = program.getPointer(8);
                List<Instruction> out = new ArrayList<>(length);
                for (int i = 0; i < length; i++) {
                    long at = i * 8L;
                    out.add(new Instruction(Short.toUnsignedInt(insns.getShort(at)), Byte.toUnsignedInt(insns.getByte(at + 2)),
                            Byte.toUnsignedInt(insns.getByte(at + 3)), Integer.toUnsignedLong(insns.getInt(at + 4))));
                }
                return new BpfProgram(out);
            } finally {
                pcap.pcap_freecode(program);
            }
        } finally {
            pcap.pcap_close(handle);
        }
    }

    /** struct sock_filter[] as the kernel reads it. */
    Memory filterArray() {
        Memory m = new Memory(instructions.size() * 8L);
        for (int i = 0; i < instructions.size(); i++) {
            Instruction in = instructions.get(i);
            m.setShort(i * 8L, (short) in.code());
            m.setByte(i * 8L + 2, (byte) in.jt());
            m.setByte(i * 8L + 3, (byte) in.jf());
            m.setInt(i * 8L + 4, (int) in.k());
        }
        return m;
    }
}
