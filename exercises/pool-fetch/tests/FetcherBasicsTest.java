import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FetcherBasicsTest {

    @Test
    void returnsResponsesInTheOrderOfTheUrls() throws Exception {
        List<String> urls = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            urls.add("https://example.org/page/" + i);
            expected.add("<html>page " + i + "</html>");
        }
        // Later pages answer faster, so finishing order is the reverse of the url order.
        List<String> responses = Fetcher.fetchAll(urls, 4, url -> {
            int page = Integer.parseInt(url.substring(url.lastIndexOf('/') + 1));
            try {
                Thread.sleep(5L * (12 - page));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "<html>page " + page + "</html>";
        });
        assertEquals(expected, responses, "responses must be in the order of the urls, not the order they finished");
    }
}
