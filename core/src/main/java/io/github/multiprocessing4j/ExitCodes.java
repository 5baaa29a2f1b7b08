package io.github.multiprocessing4j;

/** Shows exit codes as Python's repr does: {@code -SIGTERM} for -15. */
final class ExitCodes {
    private static final String[] SIGNALS = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
        "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM"};

    private ExitCodes() {
    }

    static String describe(int code) {
        if (code < 0 && -code < SIGNALS.length) {
            return "-" + SIGNALS[-code];
        }
        return Integer.toString(code);
    }
}
