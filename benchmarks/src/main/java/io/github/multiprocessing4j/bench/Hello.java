package io.github.multiprocessing4j.bench;

import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * The baseline: a plain {@code java -cp DIR Hello} that writes {@code System.nanoTime()} at its first statement
 * to the file named by its argument (or nothing without one).
 */
public final class Hello {
    private Hello() {
    }

    public static void main(String[] args) throws Exception {
        long t = System.nanoTime();
        if (args.length > 0) {
            Files.writeString(Paths.get(args[0]), Long.toString(t));
        }
    }
}
