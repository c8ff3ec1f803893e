package threadmark.web;

import io.quarkus.qute.TemplateExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's own static files under a URL that names their content ({@code {asset:url('/js/editor.js')}} in a
 * template gives {@code /js/editor.js?v=1a2b3c4d}): browsers keep them for good ({@link SecurityHeaders}), and a new
 * build's files have new URLs.
 */
@TemplateExtension(namespace = "asset")
public final class StaticAssets {

    private static final String ROOT = "META-INF/resources";
    private static final Map<String, String> URLS = new ConcurrentHashMap<>();

    private StaticAssets() {
    }

    /** The file's URL with a version from its content; a path that names no file is an error in a template. */
    static String url(String path) {
        return URLS.computeIfAbsent(path, StaticAssets::versioned);
    }

    private static String versioned(String path) {
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no static file " + path);
            }
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
            return path + "?v=" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
