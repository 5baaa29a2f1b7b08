package io.github.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A subclass that overrides run() crosses to the child with its fields. */
class SubclassTest {
    /** Python's {@code class Cook(Process): def run(self): ...}. */
    static final class Cook extends Process {
        private static final long serialVersionUID = 1L;
        private final int dishes;

        Cook(int dishes) {
            this.dishes = dishes;
        }

        @Override
        public void run() {
            System.out.println(getName() + " cooks " + dishes + " dishes in " + Multiprocessing.getPid());
            if (dishes < 0) {
                throw new IllegalArgumentException("negative dishes: " + dishes);
            }
        }
    }

    @Test
    void shouldRunTheOverriddenRunWithItsFieldsInTheChild() throws Exception {
        Cook cook = new Cook(3);
        assertThat(cook.getName()).matches("Cook-\\d+");
        cook.stdout(Output.capture()).start();
        assertThat(cook.join(Duration.ofSeconds(30))).isTrue();
        assertThat(cook.exitCode()).hasValue(0);
        assertThat(cook.capturedOutput()).isEqualTo(cook.getName() + " cooks 3 dishes in " + cook.pid()
                + System.lineSeparator());
        assertThat(cook.toString()).startsWith("<Cook name='" + cook.getName() + "'");
    }

    @Test
    void shouldReportTheOverriddenRunsException() throws Exception {
        Cook cook = new Cook(-1);
        cook.stdout(Output.discard()).stderr(Output.discard()).start();
        assertThat(cook.join(Duration.ofSeconds(30))).isTrue();
        assertThat(cook.exitCode()).hasValue(1);
        assertThat(cook.exception().orElseThrow().getCause()).hasMessage("negative dishes: -1");
    }
}
