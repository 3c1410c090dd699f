package org.nslab.engine.lab;

/** How a capture ended: the frames recorded, and whether the reader stopped it (rather than the count). */
public record CaptureResult(String lab, int packets, boolean stoppedByReader) {}
