package io.github.multiprocessing4j.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Progress reaches a listener and a progress bar; imap streams an endless input in bounded memory. */
class PoolProgressTest {
    @Test
    void shouldReportProgressOfAMap() throws Exception {
        List<long[]> seen = new CopyOnWriteArrayList<>();
        List<Integer> inputs = IntStream.range(0, 100).boxed().collect(Collectors.toList());
        try (Pool pool = new Pool(2)) {
            pool.map(x -> x, inputs, MapOptions.defaults().chunksize(10).progressBar()
                    .onProgress((done, total) -> seen.add(new long[] {done, total})));
        }
        assertThat(seen).hasSize(10);
        assertThat(seen.get(9)).containsExactly(100, 100);
        assertThat(seen).allMatch(p -> p[1] == 100);
    }

    @Test
    void shouldStreamAnEndlessInputLazily() throws Exception {
        java.util.concurrent.atomic.AtomicInteger read = new java.util.concurrent.atomic.AtomicInteger();
        try (Pool pool = new Pool(2)) {
            Stream<Integer> endless = Stream.iterate(0, i -> i + 1).peek(i -> read.incrementAndGet());
            long sum = 0;
            try (IMapIterator<Integer> it = pool.imap(x -> x * 2, endless::iterator)) {
                for (int i = 0; i < 200; i++) {
                    sum += it.next();
                }
                // the input is read at most a window ahead: 8 chunks per worker (+2), chunksize 1
                assertThat(read.get()).isBetween(200, 200 + 18);
            }
            assertThat(sum).isEqualTo(2L * 199 * 200 / 2);
        }
    }

    @Test
    void shouldReportTheTotalOfAnImapOnceTheInputEnds() throws Exception {
        List<long[]> seen = new CopyOnWriteArrayList<>();
        try (Pool pool = new Pool(1);
                IMapIterator<Integer> it = pool.imapUnordered(x -> x, List.of(1, 2, 3),
                        MapOptions.defaults().onProgress((done, total) -> seen.add(new long[] {done, total})))) {
            it.forEachRemaining(x -> { });
        }
        assertThat(seen.get(seen.size() - 1)).containsExactly(3, 3);
    }
}
