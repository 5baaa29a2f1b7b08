package io.github.multiprocessing4j.internal.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessing4j.internal.wire.ExitReport;
import org.junit.jupiter.api.Test;

/** How an end becomes a Python exit code, without a child JVM. */
class ExitCodeRulesTest {
    private static final ExitReport EXITED = new ExitReport(ExitReport.Kind.SYSTEM_EXIT, 0);

    @Test
    void shouldReportOrdinaryStatusesAsThey() {
        assertThat(ExitWatcher.pythonExitCode(0, new ExitReport(ExitReport.Kind.RETURNED, 0), false, false)).isZero();
        assertThat(ExitWatcher.pythonExitCode(1, new ExitReport(ExitReport.Kind.THREW, 0), false, false)).isOne();
        assertThat(ExitWatcher.pythonExitCode(143, EXITED, false, false)).as("System.exit(143)").isEqualTo(143);
    }

    @Test
    void shouldReportSignalsAsMinusTheSignal() {
        assertThat(ExitWatcher.pythonExitCode(143, new ExitReport(ExitReport.Kind.SIGNAL, 15), false, false))
                .isEqualTo(-15);
        assertThat(ExitWatcher.pythonExitCode(137, null, false, false)).as("no report: killed").isEqualTo(-9);
        assertThat(ExitWatcher.pythonExitCode(139, null, false, false)).as("SIGSEGV").isEqualTo(-11);
    }

    @Test
    void shouldTrustItsOwnSignalsOverAReportThatCameTooEarly() {
        assertThat(ExitWatcher.pythonExitCode(143, EXITED, false, true))
                .as("SIGTERM before the child caught signals").isEqualTo(-15);
        assertThat(ExitWatcher.pythonExitCode(137, EXITED, true, false)).isEqualTo(-9);
        assertThat(ExitWatcher.pythonExitCode(0, new ExitReport(ExitReport.Kind.RETURNED, 0), false, true))
                .as("terminated after it had returned").isZero();
    }
}
