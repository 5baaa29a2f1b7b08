package io.github.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.fixtures.PrestartParent;
import io.github.multiprocessing4j.fixtures.RefillParent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** {@link Multiprocessing#prestart}: the next starts run on the spares it started, and none outlives its JVM. */
class PrestartTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void shouldRunTheNextTwoStartsOnPrestartedSparesAndLeaveNothingBehind() throws Exception {
        Map<String, List<Long>> lines = new HashMap<>();
        runParent(PrestartParent.class, null).forEach((k, v) -> lines.put(k, v.isEmpty() ? List.of()
                : Arrays.stream(v.split(",")).map(Long::valueOf).collect(Collectors.toList())));
        assertThat(lines.get("spares")).hasSize(2);
        assertThat(lines.get("started")).hasSize(2).containsExactlyInAnyOrderElementsOf(lines.get("spares"));
        // the spares, their replacements and the processes all end with the parent
        List<Long> all = new java.util.ArrayList<>(lines.get("all"));
        all.addAll(lines.get("started"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(all).noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
    }

    @Test
    void shouldReplaceAReadySpareOnlyOnceItsProcessHasEnded() throws Exception {
        Map<String, String> lines = runParent(RefillParent.class, "-Dmultiprocessing4j.spareRefillDelayMillis=600000");
        assertThat(lines).containsEntry("exitcode", "0");
        // no JVM booted beside the running process; its replacement came once it had ended
        assertThat(lines).containsEntry("whileRunning", "0").containsEntry("afterEnd", "1");
    }

    /** Runs a fixture's main in a JVM of its own and returns the {@code key=value} lines it printed. */
    private static Map<String, String> runParent(Class<?> main, String option) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        if (option != null) {
            command.add(option);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        java.lang.Process parent = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, String> lines = new HashMap<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                String[] kv = line.split("=", 2);
                if (kv.length == 2) {
                    lines.put(kv[0], kv[1]);
                }
            }
        } finally {
            if (!parent.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                parent.destroyForcibly();
            }
        }
        assertThat(parent.exitValue()).isZero();
        return lines;
    }

    @Test
    void shouldRefuseANegativeOrTooLargeCount() {
        assertThatThrownBy(() -> Multiprocessing.prestart(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n=-1");
        assertThatThrownBy(() -> Multiprocessing.prestart(1000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiprocessing4j.maxSpares");
    }
}
