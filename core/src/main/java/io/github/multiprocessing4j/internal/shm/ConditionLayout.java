package io.github.multiprocessing4j.internal.shm;

/**
 * The body of a Condition's segment: a ticket scheme, every word changed only under the condition's lock.
 *
 * <pre>
 *   0                                       8                                      16
 *   +---------------------------------------+---------------------------------------+
 *   | next ticket (long)                    | released: tickets below it may wake   |
 *   +---------------------------------------+-------------------+-------------------+
 *  16 | cancelled tickets not yet passed      | version (int)     | reserved          |
 *   +---------------------------------------+-------------------+-------------------+
 * </pre>
 *
 * A waiter takes ticket t and waits for {@code released > t}. signal(n) moves {@code released} forward by n plus
 * the number of tickets whose waiters timed out (so a cancelled ticket can never swallow a signal; at worst a
 * waiter wakes spuriously), never past {@code next}; once {@code released == next} the cancelled count is zero.
 */
public final class ConditionLayout {
    public static final int VERSION = 1;
    public static final int NEXT = 0;
    public static final int RELEASED = 8;
    public static final int CANCELLED = 16;
    public static final int VERSION_OFFSET = 24;
    public static final int LENGTH = 32;

    private ConditionLayout() {
    }
}
