package threadmark.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Copies the host C libraries a linked runtime needs into an image root, as {@code ldd} reports them. */
final class SharedLibraryCopier {

    private static final Pattern LIBRARY = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");

    private final Path rootfs;

    SharedLibraryCopier(Path rootfs) {
        this.rootfs = rootfs;
    }

    void copyDependenciesOf(Path runtime) throws IOException, InterruptedException {
        Set<String> libraries = new TreeSet<>();
        List<Path> binaries;
        try (Stream<Path> files = Files.walk(runtime)) {
            binaries = files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".so") || p.getParent().endsWith("bin"))
                    .toList();
        }
        for (Path binary : binaries) {
            ProcessResult ldd = ProcessResult.run(List.of("ldd", binary.toString()));
            Matcher matcher = LIBRARY.matcher(ldd.output());
            while (matcher.find()) {
                String library = matcher.group(1);
                if (!library.startsWith(runtime.toString())) {
                    libraries.add(library);
                }
            }
        }
        if (libraries.stream().noneMatch(l -> l.contains("libc.so"))) {
            throw new SandboxException("ldd found no C library for " + runtime + "; is ldd installed?");
        }
        for (String library : libraries) {
            Path target = rootfs.resolve(library.substring(1));
            Files.createDirectories(target.getParent());
            Files.copy(Path.of(library), target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
