package io.github.multiprocessing4j.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.LeakCheck;
import io.github.multiprocessing4j.exception.ChildProcessException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * map, starmap and the executor's map over the kinds of input whose chunks are packed (all Integer, Long or Double)
 * or not (mixed, null, other types), from a list, another collection or a plain iterable: the results in input
 * order, and the first failing element's exception.
 */
@ExtendWith(LeakCheck.class)
class PoolMapInputsTest {
    private Pool pool;

    @BeforeEach
    void start() {
        pool = new Pool(2);
    }

    @AfterEach
    void stop() {
        pool.close();
    }

    @Test
    void mapsEveryPackedKindInOrder() throws Exception {
        List<Integer> ints = IntStream.range(-500, 500).boxed().collect(Collectors.toList());
        assertThat(pool.map((Integer x) -> x * 3, ints))
                .isEqualTo(ints.stream().map(x -> x * 3).collect(Collectors.toList()));
        List<Long> longs = IntStream.range(0, 300).mapToObj(i -> (long) i << 33).collect(Collectors.toList());
        assertThat(pool.map((Long x) -> x + 1, longs, 7))
                .isEqualTo(longs.stream().map(x -> x + 1).collect(Collectors.toList()));
        List<Double> doubles = IntStream.range(0, 300).mapToObj(i -> i / 7.0).collect(Collectors.toList());
        assertThat(pool.map((Double x) -> x * 2, doubles))
                .isEqualTo(doubles.stream().map(x -> x * 2).collect(Collectors.toList()));
        assertThat(pool.map((Integer x) -> "n" + x, Arrays.asList(1, 2, 3))).containsExactly("n1", "n2", "n3");
        assertThat(pool.map((Integer x) -> x % 2 == 0 ? (Object) x : (Object) ("odd " + x), List.of(1, 2, 3, 4), 2))
                .containsExactly("odd 1", 2, "odd 3", 4);
    }

    @Test
    void mapsAnyCollectionOrIterable() throws Exception {
        LinkedHashSet<Integer> set = new LinkedHashSet<>(List.of(5, 3, 9));
        assertThat(pool.map((Integer x) -> x + 1, set)).containsExactly(6, 4, 10);
        Iterable<Object> iterable = () -> List.<Object>of(1, "two", 3L).iterator();
        assertThat(pool.map((Object x) -> x.toString(), iterable)).containsExactly("1", "two", "3");
        assertThat(pool.map((Integer x) -> x, List.<Integer>of())).isEmpty();
        assertThat(pool.starmap((Integer a, Integer b) -> a * b, List.of(Map.entry(2, 3), Map.entry(4, 5))))
                .containsExactly(6, 20);
    }

    @Test
    void aNullElementIsNamedBeforeAnythingRuns() {
        List<Integer> withNull = new ArrayList<>(List.of(1, 2));
        withNull.add(null);
        assertThatThrownBy(() -> pool.map((Integer x) -> x, withNull))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("index=2");
    }

    @Test
    void theFirstFailingElementFailsThePackedMap() {
        List<Integer> ints = IntStream.range(0, 1000).boxed().collect(Collectors.toList());
        assertThatThrownBy(() -> pool.map((Integer x) -> {
            if (x >= 600) {
                throw new IllegalStateException("bad " + x);
            }
            return x;
        }, ints, 1000)).isInstanceOf(ChildProcessException.class).hasRootCauseMessage("bad 600");
    }

    @Test
    void theExecutorMapsPackedAndMixedInputs() throws Exception {
        try (ProcessPoolExecutor ex = new ProcessPoolExecutor(2)) {
            List<Integer> ints = IntStream.range(0, 2000).boxed().collect(Collectors.toList());
            List<Integer> got = new ArrayList<>();
            try (IMapIterator<Integer> it = ex.map((Integer x) -> x * x, ints, 300)) {
                it.forEachRemaining(got::add);
            }
            assertThat(got).isEqualTo(ints.stream().map(x -> x * x).collect(Collectors.toList()));
            List<Object> mixed = new ArrayList<>(Arrays.asList(1, null, "three"));
            List<Object> back = new ArrayList<>();
            try (IMapIterator<String> it = ex.map((Object x) -> String.valueOf(x), mixed, 2)) {
                it.forEachRemaining(back::add);
            }
            assertThat(back).containsExactly("1", "null", "three");
            ex.shutdown(true, false);
            assertThat(ex.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
