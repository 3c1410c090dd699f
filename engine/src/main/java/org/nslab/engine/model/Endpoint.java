package org.nslab.engine.model;

/** Where a veth end is attached. */
public sealed interface Endpoint {
    record InNamespace(String namespace) implements Endpoint {}

    record BridgePort(String bridge) implements Endpoint {}
}
