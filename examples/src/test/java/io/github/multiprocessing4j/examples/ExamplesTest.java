package io.github.multiprocessing4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs each example as a user would (its own JVM) and checks what it prints. */
class ExamplesTest {
    /** The output of an example, and its exit status. */
    record Run(List<String> lines, int status) {
        long count(String line) {
            return lines.stream().filter(line::equals).count();
        }
    }

    static Run run(String name) throws IOException, InterruptedException {
        java.lang.Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dstdout.encoding=UTF-8", "-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"),
                Examples.class.getName(), name).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(new String(out, StandardCharsets.UTF_8).lines().toList(), p.exitValue());
    }

    @Test
    void sequentialCooksThenWashes() throws Exception {
        Run run = run("sequential");
        assertThat(run.lines()).containsExactly("做饭...", "做饭...", "做饭...", "洗衣服...", "洗衣服...", "洗衣服...");
    }

    @Test
    void kitchenCooksAndWashesAtOnce() throws Exception {
        Run run = run("kitchen");
        assertThat(run.status()).isZero();
        assertThat(run.count("做饭...")).isEqualTo(3);
        assertThat(run.count("洗衣服...")).isEqualTo(3);
        // how the two children's lines interleave depends on when each JVM got going: the example does not say
    }

    @Test
    void argsPassesPositionalThenKeywordArguments() throws Exception {
        Run run = run("args");
        int split = run.lines().indexOf("-- kwargs={\"num\": 2}");
        assertThat(split).isPositive();
        assertThat(run.lines().subList(0, split)).filteredOn("做饭..."::equals).hasSize(4);
        assertThat(run.lines().subList(0, split)).filteredOn("洗衣服..."::equals).hasSize(3);
        assertThat(run.lines().subList(split + 1, run.lines().size())).filteredOn("做饭..."::equals).hasSize(2);
        assertThat(run.lines().subList(split + 1, run.lines().size())).filteredOn("洗衣服..."::equals).hasSize(2);
    }

    @Test
    void pidsShowsEachChildsParentAsTheMainProcess() throws Exception {
        Run run = run("pids");
        String main = run.lines().get(0);
        assertThat(main).startsWith("主进程的pid: ");
        String mainPid = main.substring(main.indexOf(": ") + 2);
        assertThat(run.lines()).contains("做饭进程的父进程pid: " + mainPid, "洗衣服进程的父进程pid: " + mainPid);
        assertThat(run.lines()).anyMatch(l -> l.startsWith("做饭进程的pid: ") && !l.endsWith(" " + mainPid));
    }

    @Test
    void daemonEndsWithTheMainProcess() throws Exception {
        Run run = run("daemon");
        assertThat(run.status()).isZero();
        // the main process waits for the child's first line; the daemon may print more before it is terminated
        assertThat(run.lines()).containsSubsequence("Work in 0", "主进程结束!");
        // run() reads until the daemon too has closed its output: had it not been terminated, all ten lines would
        // be here (its last one 3.5 s after the main process's)
        assertThat(run.lines()).doesNotContain("Work in 9");
    }

    @Test
    void daemonChildrenAreRefused() throws Exception {
        Run run = run("daemon-children");
        assertThat(run.lines()).contains("the daemon child was refused: java.lang.IllegalStateException: daemonic"
                + " processes are not allowed to have children", "daemon child exit code: 0");
    }

    @Test
    void poolSumsTheSquares() throws Exception {
        Run run = run("pool");
        assertThat(run.status()).isZero();
        assertThat(run.lines()).contains("sum=333283335000");
    }

    @Test
    void poolCrashFailsOnlyTheTaskWhoseWorkerDied() throws Exception {
        Run run = run("pool-crash");
        assertThat(run.status()).isZero();
        assertThat(run.lines()).contains("succeeded=99 failed=1");
        assertThat(run.lines()).anyMatch(l -> l.startsWith("task 37 failed: ") && l.contains("WorkerDiedException"));
    }

    @Test
    void poolTimeoutStopsTheRunawayTaskAndGoesOn() throws Exception {
        Run run = run("pool-timeout");
        assertThat(run.status()).isZero();
        assertThat(run.lines()).anyMatch(l -> l.contains("TaskTimeoutException"));
        assertThat(run.lines()).contains("second task: 42");
    }

    @Test
    void queueSumsWhatTheProducerPut() throws Exception {
        Run run = run("queue");
        assertThat(run.status()).isZero();
        assertThat(run.lines()).contains("4999950000");
    }

    @Test
    void executorRunsTasksInAnotherProcessAndMapsInOrder() throws Exception {
        Run run = run("executor");
        assertThat(run.status()).isZero();
        assertThat(run.lines()).contains("the task ran in another process: true", "squares=[0, 1, 4, 9, 16]");
    }

    @Test
    void pipeCarriesMessagesBothWays() throws Exception {
        Run run = run("pipe");
        assertThat(run.status()).isZero();
        assertThat(run.lines()).containsSubsequence("pong 1", "pong 2", "pong 3");
    }

    @Test
    void sharedMemoryShowsWhatTheChildWrote() throws Exception {
        Run run = run("shared-memory");
        assertThat(run.status()).isZero();
        assertThat(run.lines()).contains("hello from the child");
    }

    @Test
    void sharedCounterCountsEveryIncrement() throws Exception {
        Run run = run("shared-counter");
        assertThat(run.status()).isZero();
        assertThat(run.lines()).contains("total=40000");
    }

    @Test
    void lockHolderDiesAndTheLockIsRecovered() throws Exception {
        Run run = run("lock-holder-dies");
        assertThat(run.status()).isZero();
        assertThat(run.lines()).anyMatch(l -> l.startsWith("acquired the lock after ") && l.contains("previous holder died"));
    }

    @Test
    void clusterLosesNoTaskWhenANodeIsKilledMidMap() throws Exception {
        Run run = run("cluster");
        assertThat(run.status()).isZero();
        assertThat(run.lines()).contains("sum=333283335000 lost=0");
        assertThat(run.lines()).anyMatch(l -> l.contains("inputs ran again on the other nodes"));
    }

    @Test
    void listsExamplesWithoutAName() throws Exception {
        Run run = run("");
        assertThat(run.lines()).anyMatch(l -> l.contains("kitchen"));
    }

    @Test
    void managerSharesADictAndAListWithFourChildren() throws Exception {
        Run run = run("manager");
        assertThat(run.status()).isZero();
        assertThat(run.lines()).containsExactly("dict=4000 list=4000");
    }

    @Test
    void listenerReceivesFromTwoAuthenticatedClients() throws Exception {
        Run run = run("listener");
        assertThat(run.status()).isZero();
        assertThat(run.lines()).containsExactly("received=ping,ping");
    }

    @Test
    void remoteManagerServesTwoClientJvmsAndRefusesAWrongKey() throws Exception {
        Run run = run("remote-manager");
        assertThat(run.status()).isZero();
        assertThat(run.lines()).containsExactly("authenticated=2 refused=1 counter=2000");
    }
}
