package io.github.multiprocessing4j.internal.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessing4j.function.Target1;
import io.github.multiprocessing4j.internal.codec.AllowList;
import io.github.multiprocessing4j.function.Target2;
import org.junit.jupiter.api.Test;

/** The direct task form: which targets take it, and the descriptor parsing the child relies on. */
class DirectTaskTest {
    static void takesArrays(int[] a, String[][] b) {
    }

    static void takesText(String s) {
    }

    @Test
    void shouldParseEveryKindOfParameter() throws Exception {
        ClassLoader loader = getClass().getClassLoader();
        assertThat(DirectTask.parameterTypes("(ZBCSIJFD)V", loader)).containsExactly(boolean.class, byte.class,
                char.class, short.class, int.class, long.class, float.class, double.class);
        assertThat(DirectTask.parameterTypes("([I[[Ljava/lang/String;Ljava/util/List;J)Ljava/lang/Object;", loader))
                .containsExactly(int[].class, String[][].class, java.util.List.class, long.class);
        assertThat(DirectTask.parameterTypes("()V", loader)).isEmpty();
    }

    @Test
    void shouldTakeStaticMethodsWithFastArgumentsOnly() {
        Target1<String> direct = DirectTaskTest::takesText;
        assertThat(DirectTask.encode(direct, new Object[] {"x"}, new AllowList())).isNotNull();
        assertThat(DirectTask.encode(direct, new Object[] {new java.util.ArrayList<>()}, new AllowList()))
                .as("an argument that needs java.io").isNull();
        Target2<int[], String[][]> arrays = DirectTaskTest::takesArrays;
        assertThat(DirectTask.encode(arrays, new Object[] {new int[] {1}, new String[0][]}, new AllowList()))
                .as("String[][] is not a fast-path value").isNull();
        Object bound = new Object();
        Target1<String> capturesObject = s -> System.out.println(bound);
        assertThat(DirectTask.encode(capturesObject, new Object[] {"x"}, new AllowList())).isNull();
    }
}
