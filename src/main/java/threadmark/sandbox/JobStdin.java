package threadmark.sandbox;

import java.io.InputStream;
import java.util.concurrent.CountDownLatch;

/**
 * A container's stdin that has nothing to give until its job exists: the Docker client's copying thread blocks in
 * {@link #read} until {@link #supply} (then the job's bytes, then the end) or {@link #abandon} (the end at once, and
 * a harness that reads no job exits).
 */
final class JobStdin extends InputStream {

    private final CountDownLatch given = new CountDownLatch(1);
    private volatile byte[] bytes = new byte[0];
    private int position;

    void supply(byte[] job) {
        bytes = job.clone();
        given.countDown();
    }

    void abandon() {
        given.countDown();
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) {
        try {
            given.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        byte[] job = bytes;
        if (position >= job.length) {
            return -1;
        }
        int count = Math.min(length, job.length - position);
        System.arraycopy(job, position, buffer, offset, count);
        position += count;
        return count;
    }
}
