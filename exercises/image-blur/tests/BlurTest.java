import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import threadmark.check.Reference;
import threadmark.check.Speedup;
import threadmark.check.ThreadCensus;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.fail;

// The speedup test runs last: wrong output and threads left behind are reported first, cheaply.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BlurTest {

    private static final int BIG_WIDTH = 2_000;
    private static final int BIG_HEIGHT = 1_500;

    private static int[] randomImage(int width, int height, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] pixels = new int[width * height];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(256);
        }
        return pixels;
    }

    /** The test's own 7 x 7 blur, one thread, written independently of the starter. */
    private static int[] expected(int[] in, int width, int height) {
        int[] out = new int[in.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int sum = 0;
                int count = 0;
                for (int ny = Math.max(0, y - 3); ny <= Math.min(height - 1, y + 3); ny++) {
                    for (int nx = Math.max(0, x - 3); nx <= Math.min(width - 1, x + 3); nx++) {
                        sum += in[ny * width + nx];
                        count++;
                    }
                }
                out[y * width + x] = sum / count;
            }
        }
        return out;
    }

    private static void check(int width, int height, int threads) throws Exception {
        int[] image = randomImage(width, height, 31L * width + height);
        int[] original = image.clone();
        int[] actual = Blur.blur(image, width, height, threads);
        if (!Arrays.equals(image, original)) {
            fail(String.format("blur(%d x %d image, %d threads) changed its input. Threads that write blurred pixels "
                    + "into the image they read from make their neighbours read blurred values (and each other's). "
                    + "Write into a new array.", width, height, threads));
        }
        int[] want = expected(original, width, height);
        if (actual == null || actual.length != want.length) {
            fail("blur must return an array of width * height pixels");
        }
        for (int i = 0; i < want.length; i++) {
            if (actual[i] != want[i]) {
                int y = i / width;
                boolean blank = actual[i] == 0;
                fail(String.format("blur(%d x %d image, %d threads): pixel (%d, %d) in row %d is %d, expected %d. %s",
                        width, height, threads, i % width, y, y, actual[i], want[i],
                        blank ? "That row was never computed: when the height does not divide evenly by the number "
                                + "of threads, the last band must reach the last row."
                                : "Read only from the input image and count only neighbours inside the image."));
            }
        }
    }

    @Test
    @Order(1)
    void matchesTheSequentialBlurWhenRowsDoNotDivideEvenly() throws Exception {
        check(37, 23, 4);
        check(64, 10, 3);
        check(5, 7, 2);
    }

    @Test
    @Order(2)
    void handlesThinImagesAndMoreThreadsThanRows() throws Exception {
        check(1, 9, 2);
        check(9, 1, 2);
        check(6, 3, 8);
    }

    @Test
    @Order(3)
    void leavesTheInputUntouched() throws Exception {
        check(200, 150, 2);
    }

    @Test
    @Order(4)
    void startsThreadsAndLeavesNoneBehind() throws Exception {
        ThreadCensus census = ThreadCensus.take();
        check(300, 200, 4);
        if (census.platformThreadsStarted() < 3) {
            fail("blur(..., 4 threads) started " + census.platformThreadsStarted() + " thread(s): with 4 threads asked "
                    + "for, at least 3 new threads should each blur a band of rows.");
        }
        census.assertNoneLeftRunning("blur", Duration.ofSeconds(1),
                "Join your threads, or shut your pool down, before returning the image.");
    }

    /** Timed against the reference solution beside it, on a fresh random image every round. */
    @Test
    @Order(5)
    void fasterWithAllCpusThanWithOne() {
        Reference<Image> reference = Reference.staticMethod(
                (image, threads) -> new Object[] {image.pixels(), BIG_WIDTH, BIG_HEIGHT, threads},
                "Blur", "blur", int[].class, int.class, int.class, int.class);
        SplittableRandom seeds = new SplittableRandom();
        Speedup.Result result = Speedup.assertSpeedup(
                String.format("blur(%,d x %,d image, threads)", BIG_WIDTH, BIG_HEIGHT),
                round -> new Image(randomImage(BIG_WIDTH, BIG_HEIGHT, seeds.nextLong())),
                (image, threads) -> Blur.blur(image.pixels(), BIG_WIDTH, BIG_HEIGHT, threads),
                reference, 0.75);
        System.out.println("speedup " + result);
    }

    private record Image(int[] pixels) {
        @Override
        public String toString() {
            return String.format("a random %,d x %,d image", BIG_WIDTH, BIG_HEIGHT);
        }
    }
}
