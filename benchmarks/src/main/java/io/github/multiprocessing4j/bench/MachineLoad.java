package io.github.multiprocessing4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average, and a warning when it is above the core count (figures are then unreliable). */
final class MachineLoad {
    private MachineLoad() {
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg has them, or "unknown". */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }

    /** Warns on stderr when the 1-minute load average is above the core count; returns whether it is. */
    static boolean warnIfBusy(String when) {
        String load = loadAverage();
        int cores = Runtime.getRuntime().availableProcessors();
        double one;
        try {
            one = Double.parseDouble(load.split(" ")[0]);
        } catch (NumberFormatException e) {
            return false;
        }
        if (one > cores) {
            System.err.println("WARNING: the machine is busy " + when + ": load average " + load + " > " + cores
                    + " cores; other work skews these figures");
            return true;
        }
        return false;
    }
}
