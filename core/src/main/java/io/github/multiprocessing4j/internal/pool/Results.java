package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.ChildProcessException;
import io.github.multiprocessing4j.ProcessException;
import io.github.multiprocessing4j.SerializationFailedException;
import io.github.multiprocessing4j.internal.codec.AllowList;
import io.github.multiprocessing4j.internal.codec.Codec;
import io.github.multiprocessing4j.internal.codec.ThrowableData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a worker's result frame into outcomes, in the parent. A task's exception arrives as a
 * {@link ChildProcessException} naming the worker, whose cause is the task's own exception with the worker's
 * frames; a value that cannot be read here fails only its element.
 */
final class Results {
    private Results() {
    }

    static Outcome[] decode(byte[] payload, String worker, long pid) {
        List<Byte> statuses = new ArrayList<>();
        List<byte[]> raw = PoolFrames.resultItems(payload, statuses);
        Outcome[] outcomes = new Outcome[raw.size()];
        for (int i = 0; i < outcomes.length; i++) {
            byte[] bytes = raw.get(i);
            if (statuses.get(i) == PoolFrames.VALUE) {
                try {
                    outcomes[i] = new Outcome(Codec.decode(bytes, AllowList.global()), null);
                } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
                    outcomes[i] = new Outcome(null, new SerializationFailedException("cannot read the task's result"
                            + " here: worker=" + worker + ", pid=" + pid + ", error=" + e, e));
                }
            } else {
                outcomes[i] = new Outcome(null, new ChildProcessException(worker, pid, throwable(bytes)));
            }
        }
        return outcomes;
    }

    static Throwable initializerFailure(byte[] payload) {
        return throwable(payload);
    }

    private static Throwable throwable(byte[] bytes) {
        try {
            return ThrowableData.decode(bytes, AllowList.global());
        } catch (IOException e) {
            return new ProcessException("cannot read the worker's exception: size=" + bytes.length, e);
        }
    }
}
