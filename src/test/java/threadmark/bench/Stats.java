package threadmark.bench;

import java.util.List;

/** Nearest-rank percentiles of a sample, in milliseconds. */
record Stats(int count, long p50, long p95, long max) {

    static Stats of(List<Long> millis) {
        if (millis.isEmpty()) {
            return new Stats(0, 0, 0, 0);
        }
        List<Long> sorted = millis.stream().sorted().toList();
        return new Stats(sorted.size(), rank(sorted, 50), rank(sorted, 95), sorted.getLast());
    }

    private static long rank(List<Long> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    String seconds() {
        return String.format("p50 %.2f s, p95 %.2f s, max %.2f s (n=%d)", p50 / 1000.0, p95 / 1000.0, max / 1000.0, count);
    }
}
