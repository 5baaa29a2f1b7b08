package io.github.multiprocessing4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** What the benchmarked children run. */
final class Targets {
    private Targets() {
    }

    /** The first statement takes the time; writing it out comes after. */
    static void stamp(String file) throws Exception {
        long t = System.nanoTime();
        Files.writeString(Paths.get(file), Long.toString(t));
    }

    static void empty() {
    }

    /** Writes VmHWM, Pss and Private_Clean+Private_Dirty (kB) of this process. */
    static void rss(String file) throws Exception {
        long hwm = 0;
        long pss = 0;
        long priv = 0;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                hwm = Long.parseLong(line.split("\\s+")[1]);
            }
        }
        for (String line : Files.readAllLines(Path.of("/proc/self/smaps_rollup"))) {
            String[] parts = line.split("\\s+");
            if (parts[0].equals("Pss:")) {
                pss = Long.parseLong(parts[1]);
            } else if (parts[0].equals("Private_Clean:") || parts[0].equals("Private_Dirty:")) {
                priv += Long.parseLong(parts[1]);
            }
        }
        Files.writeString(Paths.get(file), hwm + " " + pss + " " + priv);
    }
}
