package io.github.multiprocessing4j.internal.shm;

import java.nio.ByteBuffer;

/** The operations of an {@link EventLayout event} at the start of a segment body. Thread- and process-safe. */
public final class EventWord {
    private final ByteBuffer body;

    public EventWord(ByteBuffer body) {
        this.body = body;
    }

    /** Lays out an event that is not set. */
    public static void init(ByteBuffer body) {
        body.putInt(EventLayout.VERSION_OFFSET, EventLayout.VERSION);
    }

    public void set() {
        Words.setIntVolatile(body, EventLayout.FLAG, 1);
    }

    public void clear() {
        Words.setIntVolatile(body, EventLayout.FLAG, 0);
    }

    public boolean isSet() {
        return Words.getIntVolatile(body, EventLayout.FLAG) != 0;
    }

    /** Waits for the flag, as the waiter says. */
    public Waiter.Outcome await(Waiter waiter, Waiter.Check othersGone) throws InterruptedException {
        return waiter.await(this::isSet, othersGone);
    }
}
