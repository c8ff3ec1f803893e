package threadmark.harness.internal;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import javax.tools.FileObject;
import javax.tools.SimpleJavaFileObject;

/** A class file written by the compiler into memory, remembering which source file it came from. */
final class InMemoryClassFile extends SimpleJavaFileObject {
    private final String className;
    private final FileObject sourceFile;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    InMemoryClassFile(String className, FileObject sourceFile) {
        super(URI.create("mem:///" + className.replace('.', '/') + Kind.CLASS.extension), Kind.CLASS);
        this.className = className;
        this.sourceFile = sourceFile;
    }

    String className() {
        return className;
    }

    /** The source file name as in the job, or null if the compiler did not say. */
    String sourceFileName() {
        return sourceFile instanceof InMemorySourceFile source ? source.fileName() : null;
    }

    byte[] bytes() {
        return bytes.toByteArray();
    }

    @Override
    public OutputStream openOutputStream() {
        return bytes;
    }
}
