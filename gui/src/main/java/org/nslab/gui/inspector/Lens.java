package org.nslab.gui.inspector;

import java.util.function.BiFunction;
import java.util.function.Function;
import org.nslab.engine.model.Topology;

/** Reads one part of a design and writes a new version of it back, giving a new design. */
record Lens<E>(Function<Topology, E> get, BiFunction<Topology, E, Topology> put) {

    /** A lens onto a part of this lens's element. */
    <F> Lens<F> then(Function<E, F> getPart, BiFunction<E, F, E> putPart) {
        return new Lens<>(t -> {
            E e = get.apply(t);
            return e == null ? null : getPart.apply(e);
        }, (t, f) -> put.apply(t, putPart.apply(get.apply(t), f)));
    }
}
