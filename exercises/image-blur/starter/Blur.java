public class Blur {

    /** How far a neighbour may be: 3 means a 7 x 7 square. */
    static final int RADIUS = 3;

    /**
     * 7 x 7 box blur of a grey image stored row by row (pixel (x, y) is pixels[y * width + x], 0..255): each output
     * pixel is the mean, rounded down, of the pixel and its neighbours that lie inside the image. Uses `threads`
     * threads; does not modify `pixels`.
     */
    public static int[] blur(int[] pixels, int width, int height, int threads) throws InterruptedException {
        int[] out = new int[pixels.length];
        // TODO: give each of `threads` threads its own band of rows.
        blurRows(pixels, out, width, height, 0, height);
        return out;
    }

    /** Blurs rows [firstRow, endRow) of `in` into `out`. */
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
