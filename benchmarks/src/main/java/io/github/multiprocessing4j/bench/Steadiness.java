package io.github.multiprocessing4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two figures of every IPC and pool metric.
 * <ul>
 *   <li><b>steady</b> (the metric's own name, as bench_mp.py's): after warm-up rounds in the same JVMs (this one
 *       and the children), repeated rounds; median, min and max of the rounds. What a long-running program sees
 *       once the JIT has compiled its code; Python has no JIT, so its figure is already its steady state.</li>
 *   <li><b>cold</b> (the name with {@code _cold}): the first round in fresh JVMs: a new benchmark JVM
 *       ({@code BenchJava --cold-one NAME}) with new children, nothing run before; median, min and max over
 *       several such JVMs. What a short program, or the first call of a long one, sees.</li>
 * </ul>
 */
final class Steadiness {
    private static final Pattern MEDIAN = Pattern.compile("\"median\": ([-0-9.eE+]+)");

    private Steadiness() {
    }

    static void steady(String name, Metric metric, double scale) throws Exception {
        Rounds r = Rounds.steady(scale);
        Json.emit(name, metric.unit(), metric.measure().run(r), "jvm", String.format(Locale.ROOT,
                "%s; steady: %d warm-up + %d measured rounds in the same JVMs%s", metric.note(), r.warm(),
                r.measured(), metric.unit().equals("us") ? " of " + r.samples() + " round trips" : ""));
    }

    /** Measures the first round in {@code runs} fresh JVMs, one after the other. */
    static void cold(String name, Metric metric, double scale, int runs) throws Exception {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            values.add(inFreshJvm(name, scale));
        }
        Json.emit(name + "_cold", metric.unit(), values, "jvm", metric.note()
                + "; cold: the first round in a fresh benchmark JVM with fresh children, one JVM per value"
                + (metric.unit().equals("us") ? " (its median of " + Rounds.cold(scale).samples()
                        + " round trips)" : ""));
    }

    /** In the fresh JVM: measures one round and prints it under the metric's name. */
    static void coldOne(String name, Metric metric, double scale) throws Exception {
        Json.emit(name, metric.unit(), metric.measure().run(Rounds.cold(scale)), "jvm", "one cold round");
    }

    private static double inFreshJvm(String name, double scale) throws IOException, InterruptedException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        java.lang.Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                BenchJava.class.getName(), "--cold-one", name, "--scale", Double.toString(scale))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Double value = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher m = MEDIAN.matcher(line);
                if (line.contains("\"name\": \"" + name + "\"") && m.find()) {
                    value = Double.parseDouble(m.group(1));
                }
            }
        }
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("the cold run of " + name + " did not end in 10 minutes");
        }
        if (p.exitValue() != 0 || value == null) {
            throw new IllegalStateException("the cold run of " + name + " failed: exit code " + p.exitValue());
        }
        return value;
    }
}
