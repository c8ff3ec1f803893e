import org.junit.jupiter.api.Test;
import threadmark.check.Liveness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

class LimiterBasicsTest {

    @Test
    void returnsWhatTheTaskReturns() throws Exception {
        Limiter limiter = new Limiter(1);
        List<String> pages;
        try {
            pages = Liveness.callWithin("5 calls in a row on a Limiter(1)", Duration.ofSeconds(5), () -> {
                List<String> got = new ArrayList<>();
                for (int i = 1; i <= 5; i++) {
                    int page = i;
                    got.add(limiter.call(() -> "page " + page));
                }
                return got;
            });
        } catch (AssertionError stuck) {
            fail("5 calls made one after another on a Limiter(1) did not all return within 5 s: a call waited for a "
                    + "permit that the call before it never gave back. Release the permit when the task has finished. "
                    + whereStuck(stuck));
            return;
        }
        assertEquals(List.of("page 1", "page 2", "page 3", "page 4", "page 5"), pages,
                "call(task) must return what the task returned");
    }

    /** "It is WAITING at Limiter.call(Limiter.java:12)." from a Liveness report, or its first line. */
    static String whereStuck(AssertionError stuck) {
        String report = String.valueOf(stuck.getMessage());
        int at = report.indexOf("It is ");
        String line = at >= 0 ? report.substring(at) : report;
        int end = line.indexOf('\n');
        return end >= 0 ? line.substring(0, end) : line;
    }
}
