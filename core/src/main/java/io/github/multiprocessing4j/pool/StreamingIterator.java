package io.github.multiprocessing4j.pool;

import io.github.multiprocessing4j.internal.pool.StreamingMap;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** The public face of a streaming map: an {@link IMapIterator} over the pool's {@link StreamingMap}. */
final class StreamingIterator<R> implements IMapIterator<R> {
    private final StreamingMap<R> map;

    StreamingIterator(StreamingMap<R> map) {
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
