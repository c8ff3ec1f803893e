package threadmark.sandbox;

/**
 * A fresh container, started, whose harness waits for its one job on stdin; after that job it is removed, never
 * reused. {@code cpuset} is the cores it is pinned to now (null: unpinned); the creation and start times are what
 * starting it cost, wherever that time was spent.
 */
record StartedContainer(String id, WarmContainers.Shape shape, String cpuset, OutputCollector output, JobStdin stdin,
                        long createMillis, long startMillis, long startedAtNanos) {

    /** Whether its process has ended already (a JVM that could not start, a killed container): no job can run in it. */
    boolean ended() {
        // Not awaitCompletion(0): docker-java closes the stream after any await, and the harness would lose its stdin.
        return output.ended();
    }
}
