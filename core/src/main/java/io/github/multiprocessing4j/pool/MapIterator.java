package io.github.multiprocessing4j.pool;

import io.github.multiprocessing4j.internal.pool.MapResults;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The public face of a map's results, a pool's streaming map or an executor's submitted map: an
 * {@link IMapIterator} over {@link MapResults}.
 */
final class MapIterator<R> implements IMapIterator<R> {
    private final MapResults<R> map;

    MapIterator(MapResults<R> map) {
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
