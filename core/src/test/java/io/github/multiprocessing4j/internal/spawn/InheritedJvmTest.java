package io.github.multiprocessing4j.internal.spawn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which options of the parent's command line a child JVM gets. */
class InheritedJvmTest {
    @Test
    void shouldKeepOrdinaryOptionsButNotTheParentsFlightRecording() {
        assertThat(InheritedJvm.parseOptions(List.of("-Xmx1g", "-XX:StartFlightRecording:filename=run.jfr",
                "-Dfoo=bar", "app.Main", "arg"))).containsExactly("-Xmx1g", "-Dfoo=bar");
    }
}
