package io.github.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessing4j.fixtures.EndWhileStarting;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A child ended while it is still starting reports -15 after terminate() and -9 after kill(), whatever stage of
 * its start the signal hits, and prints nothing on the stderr it inherits.
 */
class EndWhileStartingTest {
    private static final int COUNT = 20;

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"terminate, spawn, -15", "terminate, warm, -15", "kill, spawn, -9", "kill, warm, -9"})
    void shouldReportTheSignalAndStayQuiet(String how, String method, int expected) throws Exception {
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        java.lang.Process parent = EndWhileStarting.command(how, method, COUNT).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        assertThat(parent.waitFor(120, TimeUnit.SECONDS)).as("the fixture ends").isTrue();
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(parent.exitValue()).as("fixture exit status; stderr: %s", stderr).isZero();
        assertThat(stderr).as("what the children printed on stderr").isEmpty();
        String codes = Files.readString(out, StandardCharsets.UTF_8).trim();
        assertThat(codes).isEqualTo("codes=" + Collections.nCopies(COUNT, expected));
    }

}
