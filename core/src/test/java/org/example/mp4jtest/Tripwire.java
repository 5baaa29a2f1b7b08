package org.example.mp4jtest;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicBoolean;

/** A class outside the allow-list that records being deserialized: a test sends it and checks it was not. */
public final class Tripwire implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Set when any instance is deserialized in this JVM. */
    public static final AtomicBoolean DECODED = new AtomicBoolean();

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        DECODED.set(true);
        in.defaultReadObject();
    }
}
