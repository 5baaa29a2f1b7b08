package io.github.multiprocessing4j.internal.pool;

import java.util.Arrays;

/**
 * The outcomes of a chunk's elements as they came back from the worker: their values, and per element the exception
 * that ended it instead. A chunk in which nothing failed (the common case) is its array of values alone, so that a
 * map copies them into its result in one step, with no object per element.
 */
public final class Outcomes {
    private final Object[] values;
    /** Per element its failure or null; null when none failed. */
    private final Throwable[] errors;

    private Outcomes(Object[] values, Throwable[] errors) {
        this.values = values;
        this.errors = errors;
    }

    /** A chunk in which every element returned a value. */
    static Outcomes values(Object[] values) {
        return new Outcomes(values, null);
    }

    /** A chunk's outcomes, element by element. */
    static Outcomes of(Outcome[] outcomes) {
        Object[] values = new Object[outcomes.length];
        Throwable[] errors = null;
        for (int i = 0; i < outcomes.length; i++) {
            values[i] = outcomes[i].value();
            if (outcomes[i].error() != null) {
                errors = errors != null ? errors : new Throwable[outcomes.length];
                errors[i] = outcomes[i].error();
            }
        }
        return new Outcomes(values, errors);
    }

    /** A chunk whose elements all carry the same failure. */
    static Outcomes failed(int count, Throwable error) {
        Throwable[] errors = new Throwable[count];
        Arrays.fill(errors, error);
        return new Outcomes(new Object[count], errors);
    }

    /** How many elements the chunk has. */
    public int count() {
        return values.length;
    }

    /** The outcome of element {@code i}. */
    public Outcome get(int i) {
        return new Outcome(values[i], errors == null ? null : errors[i]);
    }

    /** Every element's outcome, in order. */
    public Outcome[] toArray() {
        Outcome[] all = new Outcome[values.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = get(i);
        }
        return all;
    }

    /**
     * Copies the values into {@code into} from {@code at} on, up to the first failing element.
     *
     * @return that element's failure, or null when none failed
     */
    public Throwable copyTo(Object[] into, int at) {
        if (errors == null) {
            System.arraycopy(values, 0, into, at, values.length);
            return null;
        }
        for (int i = 0; i < values.length; i++) {
            if (errors[i] != null) {
                return errors[i];
            }
            into[at + i] = values[i];
        }
        return null;
    }
}
