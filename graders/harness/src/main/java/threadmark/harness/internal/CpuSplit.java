package threadmark.harness.internal;

import threadmark.check.ProcessCpu;

import java.util.concurrent.TimeUnit;

/** This JVM's CPU time, split where a run passes: the job read, the compile done, the tests done. */
final class CpuSplit {
    private final long atJob = ProcessCpu.nanos();
    private long atCompiled = -1;
    private long atDone = -1;

    void compiled() {
        atCompiled = ProcessCpu.nanos();
    }

    CpuSplit done() {
        atDone = ProcessCpu.nanos();
        return this;
    }

    long beforeJobMillis() {
        return millis(0, atJob);
    }

    long compileMillis() {
        return millis(atJob, atCompiled);
    }

    long testsMillis() {
        return millis(atCompiled, atDone);
    }

    private static long millis(long from, long to) {
        return from < 0 || to < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(to - from);
    }
}
