package org.nslab.engine.lab;

/**
 * Where a capture's pcap bytes go as they come: the file header first, then one or more whole records. While
 * the interface is quiet it is also called with no bytes, about twice a second, so a reader that wants to stop
 * can say so without waiting for a frame.
 */
@FunctionalInterface
public interface CaptureSink {
    /** Takes the bytes; false stops the capture (the reader went away or was told to stop). */
    boolean accept(byte[] pcapBytes);
}
