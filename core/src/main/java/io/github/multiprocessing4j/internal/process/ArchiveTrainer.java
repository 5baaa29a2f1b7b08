package io.github.multiprocessing4j.internal.process;

import io.github.multiprocessing4j.exception.ProcessStartException;
import io.github.multiprocessing4j.internal.codec.Codec;
import io.github.multiprocessing4j.internal.spawn.ClassDataArchive;
import java.nio.file.Path;

/**
 * Builds a missing class-data archive in the background: a spare JVM started with the archive-writing options
 * goes through a child's start-up path (boot, socket, decoding a task), is retired once warm, and its archive is
 * moved into place when it has exited. Children started meanwhile simply start without an archive.
 */
final class ArchiveTrainer {
    private ArchiveTrainer() {
    }

    /** A task to warm up on when there is no recent one: a capturing lambda of this library. */
    static byte[] defaultSample() {
        return Codec.encode(Warmup.sample(), "the warm-up sample").bytes();
    }

    static void ensure(ChildLauncher launcher, Path javaBinary, String classPath) {
        ClassDataArchive.Training training = ClassDataArchive.claimTraining(javaBinary, classPath);
        if (training == null) {
            return;
        }
        ChildHandle trainer;
        try {
            trainer = launcher.spare(classPath, defaultSample(), training.options(), true);
        } catch (ProcessStartException e) {
            return; // no archive this time
        }
        trainer.ready().thenRun(trainer::retire);
        trainer.exitCode().thenRun(training::publish);
    }
}
