package threadmark.harness.internal;

import java.net.URI;
import java.net.URISyntaxException;
import javax.tools.SimpleJavaFileObject;

/** A student source file held in memory, named as in the job so diagnostics carry no paths. */
final class InMemorySourceFile extends SimpleJavaFileObject {
    private final SourceFile source;

    InMemorySourceFile(SourceFile source) {
        super(uri(source.name()), Kind.SOURCE);
        this.source = source;
    }

    private static URI uri(String name) {
        try {
            return new URI("string", null, "/" + name, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad source file name " + name, e);
        }
    }

    String fileName() {
        return source.name();
    }

    @Override
    public String getName() {
        return source.name();
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source.text();
    }
}
