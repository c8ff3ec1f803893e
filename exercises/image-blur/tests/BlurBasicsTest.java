import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class BlurBasicsTest {

    @Test
    void blursARowOfPixelsWithOneThread() throws Exception {
        int[] image = {240, 0, 0, 0, 0, 0, 0, 0, 0};
        // Pixel x averages the pixels x-3..x+3 that exist: 240/4, 240/5, 240/6, 240/7, and then 240 is out of reach.
        int[] expected = {60, 48, 40, 34, 0, 0, 0, 0, 0};
        assertArrayEquals(expected, Blur.blur(image, 9, 1, 1));
    }

    @Test
    void blursWithSeveralThreads() throws Exception {
        int[] image = {
                10, 20, 30, 40, 50, 60, 70, 80, 90, 100,
                110, 120, 130, 140, 150, 160, 170, 180, 190, 200};
        int[] expected = {
                75, 80, 85, 90, 100, 110, 120, 125, 130, 135,
                75, 80, 85, 90, 100, 110, 120, 125, 130, 135};
        assertArrayEquals(expected, Blur.blur(image, 10, 2, 2));
    }
}
