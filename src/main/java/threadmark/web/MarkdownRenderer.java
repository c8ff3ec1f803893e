package threadmark.web;

import io.quarkus.qute.RawString;
import jakarta.enterprise.context.ApplicationScoped;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

import java.util.List;

/**
 * Exercise prompts as HTML that cannot run script. Two layers: CommonMark escapes raw HTML in the source and drops
 * unsafe link schemes, and the OWASP sanitizer then keeps only formatting, links, tables and code, so a renderer
 * bug cannot let script through either.
 */
@ApplicationScoped
public class MarkdownRenderer {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS)
            .escapeHtml(true).sanitizeUrls(true).build();
    private final PolicyFactory policy = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS).and(Sanitizers.TABLES)
            .and(new HtmlPolicyBuilder()
                    .allowElements("a").allowAttributes("href").onElements("a")
                    .allowStandardUrlProtocols().requireRelNofollowOnLinks()
                    .allowElements("pre", "code", "hr", "br", "ol", "ul", "li", "dl", "dt", "dd")
                    .allowAttributes("class").matching(false, "language-java", "language-python", "language-text",
                            "language-bash", "language-console").onElements("code")
                    .allowAttributes("start").onElements("ol")
                    .toFactory());

    public RawString toSafeHtml(String markdown) {
        String html = renderer.render(parser.parse(markdown == null ? "" : markdown));
        return new RawString(policy.sanitize(html));
    }
}
