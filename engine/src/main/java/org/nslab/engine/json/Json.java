package org.nslab.engine.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Where every Jackson mapper of the project is made, so that what "strict" means is written once.
 * <ul>
 *   <li>{@link #strict()}: for everything that is read — design files, protocol messages, the helper's state
 *       files. Unknown and duplicate keys, trailing tokens, nulls for primitives, numbers for enums and any scalar
 *       coercion ({@code "5"} for 5, 5 for {@code "5"}, 1.0 for 1) are errors. Output keeps the order in which
 *       records declare their fields; add {@link #sorted} for files meant to diff well.</li>
 *   <li>{@link #report}: the lenient variant, for documents that are only written (the command line's
 *       {@code --json} output): nothing is ever read with it, so there is nothing to be strict about; it indents
 *       and keeps the order the caller built.</li>
 * </ul>
 */
public final class Json {
    private Json() {}

    public static JsonMapper.Builder strict() {
        return strict(new JsonFactory());
    }

    /** Strict reading on a factory of the caller's (for example one with stream size limits). */
    public static JsonMapper.Builder strict(JsonFactory factory) {
        return JsonMapper.builder(factory)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                // "lab": 5 is not the lab "5", and "id": "1" is not the id 1: a field's JSON type is part of the format.
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfigDefaults(c -> {
                    c.setCoercion(CoercionInputShape.String, CoercionAction.Fail);
                    c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
                    c.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
                    c.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
                    c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
                });
    }

    /** Sorted output: properties and map entries by name, so a saved file diffs well. */
    public static JsonMapper.Builder sorted(JsonMapper.Builder builder) {
        return builder.enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    /** The write-only mapper of printed reports, indented; {@code modules} add the JSON form of typed values. */
    public static JsonMapper report(Module... modules) {
        return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).addModules(modules).build();
    }
}
