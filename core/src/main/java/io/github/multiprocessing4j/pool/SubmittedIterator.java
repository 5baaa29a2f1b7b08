package io.github.multiprocessing4j.pool;

import io.github.multiprocessing4j.internal.pool.SubmittedMap;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** The public face of {@link ProcessPoolExecutor#map}: an {@link IMapIterator} over a {@link SubmittedMap}. */
final class SubmittedIterator<R> implements IMapIterator<R> {
    private final SubmittedMap<R> map;

    SubmittedIterator(SubmittedMap<R> map) {
        this.map = map;
    }

    @Override
    public boolean hasNext() {
        return map.hasNext();
    }

    @Override
    public R next() {
        return map.next();
    }

    @Override
    public R next(Duration timeout) throws TimeoutException, InterruptedException {
        return map.next(timeout);
    }

    @Override
    public void close() {
        map.close();
    }
}
