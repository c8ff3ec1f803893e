package threadmark.harness.internal;

import java.util.ArrayList;
import java.util.List;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;

/** Collects the compiler's class files in memory instead of writing them to disk. */
final class InMemoryFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {
    private final List<InMemoryClassFile> classFiles = new ArrayList<>();

    InMemoryFileManager(StandardJavaFileManager standard) {
        super(standard);
    }

    List<InMemoryClassFile> classFiles() {
        return classFiles;
    }

    @Override
    public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
            FileObject sibling) {
        InMemoryClassFile file = new InMemoryClassFile(className, sibling);
        classFiles.add(file);
        return file;
    }
}
