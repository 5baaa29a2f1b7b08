package io.github.multiprocessing4j.manager;

/** The manager-side counter of the tests. */
final class CounterImpl implements Counter {
    private int count;

    CounterImpl(int start) {
        count = start;
    }

    @Override
    public synchronized int increment() {
        return ++count;
    }

    @Override
    public synchronized int get() {
        return count;
    }

    @Override
    public void fail(String message) {
        throw new IllegalArgumentException(message);
    }

    @Override
    public Counter child() {
        return new CounterImpl(100);
    }
}
