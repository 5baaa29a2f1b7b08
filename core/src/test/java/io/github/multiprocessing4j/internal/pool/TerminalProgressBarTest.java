package io.github.multiprocessing4j.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The progress bar prints whole lines, not carriage-return redraws, when stderr is a file. */
class TerminalProgressBarTest {
    @Test
    @Timeout(60)
    void shouldPrintWholeLinesWhenStderrIsAFile(@TempDir Path dir) throws Exception {
        Path err = dir.resolve("stderr.txt");
        java.lang.Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ProgressLines.class.getName())
                .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(50, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();

        String text = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\r").endsWith(System.lineSeparator());
        List<String> lines = text.lines().toList();
        // one line when the bar opens, one per 300 ms over about 2 s, one when it closes
        assertThat(lines).hasSizeGreaterThanOrEqualTo(3).allMatch(l -> l.startsWith("map ") && l.contains("%"));
        for (int i = 1; i < lines.size(); i++) {
            assertThat(lines.get(i)).as("line %d repeats the one before", i).isNotEqualTo(lines.get(i - 1));
        }
        assertThat(lines.get(lines.size() - 1)).contains("100%").contains("20/20");
    }
}
