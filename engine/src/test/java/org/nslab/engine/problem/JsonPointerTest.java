package org.nslab.engine.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonPointerTest {

    @Test
    void tokensAreEscapedAndComeBackUnescaped() {
        String p = JsonPointer.of("namespaces", "a/b~c", "routes", 0);
        assertThat(p).isEqualTo("/namespaces/a~1b~0c/routes/0");
        assertThat(JsonPointer.tokens(p)).containsExactly("namespaces", "a/b~c", "routes", "0");
        assertThat(JsonPointer.child(JsonPointer.child("", "x/y"), 3)).isEqualTo("/x~1y/3");
    }

    @Test
    void theDocumentIsTheEmptyPointerAndItsOwnParent() {
        assertThat(JsonPointer.tokens("")).isEmpty();
        assertThat(JsonPointer.parent("/a")).isEmpty();
        assertThat(JsonPointer.parent("")).isEmpty();
        assertThat(JsonPointer.within("/a/b", "/a")).isTrue();
        assertThat(JsonPointer.within("/ab", "/a")).isFalse();
        assertThatThrownBy(() -> JsonPointer.tokens("a/b")).isInstanceOf(IllegalArgumentException.class);
    }
}
