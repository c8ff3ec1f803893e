package threadmark.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Prompts are instructor-written but rendered in every student's browser: nothing in them may run script. */
class MarkdownRendererTest {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    private String render(String markdown) {
        return renderer.toSafeHtml(markdown).getValue();
    }

    @Test
    void keepsTheFormattingPromptsUse() {
        String html = render("""
                # Counter
                Use `synchronized` or **an atomic**:

                ```java
                class Counter { }
                ```

                | Python | Java |
                |---|---|
                | `threading.Lock` | `ReentrantLock` |

                See [the docs](https://docs.oracle.com/en/java/).
                """);
        assertThat(html).contains("<h1>Counter</h1>", "<code>synchronized</code>", "<strong>an atomic</strong>",
                "<code class=\"language-java\">class Counter { }", "<table>", "<td><code>threading.Lock</code></td>",
                "href=\"https://docs.oracle.com/en/java/\"");
    }

    @Test
    void rawHtmlInThePromptIsShownAsTextNotRun() {
        String html = render("Hello <script>alert('x')</script> and <img src=x onerror=alert(1)>");
        assertThat(html).doesNotContain("<script", "<img", "onerror=alert(1)>");
        assertThat(html).contains("&lt;script&gt;");
    }

    @Test
    void scriptLinksAndEventHandlersAreDropped() {
        String html = render("[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) "
                + "[ok](https://example.org/)");
        assertThat(html).doesNotContain("javascript:", "data:text/html");
        assertThat(html).contains("href=\"https://example.org/\"");
    }

    @Test
    void codeInsideCodeBlocksIsEscaped() {
        String html = render("```\n</code></pre><script>alert(1)</script>\n```");
        assertThat(html).doesNotContain("<script>");
        assertThat(html).contains("&lt;script&gt;");
    }
}
