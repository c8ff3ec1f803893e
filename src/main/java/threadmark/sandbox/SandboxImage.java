package threadmark.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * A built sandbox image: its tag, the Java feature version of the runtime inside it, and the path of the JVM's
 * ahead-of-time cache trained at build time, or null if the image has none (JDK before 25, or training failed).
 */
public record SandboxImage(String tag, int javaFeature, String aotCache) {

    public static final String HOME = "/opt/threadmark";
    public static final String JAVA = HOME + "/jdk/bin/java";
    public static final String MODULE_PATH = HOME + "/harness.jar:" + HOME + "/lib";
    public static final String AOT_CACHE = HOME + "/harness.aot";

    /** The image label that names the AOT cache inside it. */
    public static final String AOT_LABEL = "threadmark.aot";

    /**
     * How the harness is started, last on every harness command line. An AOT cache is only used by a JVM started
     * with the same module options as the one that trained it (one more option and the JVM drops the whole cache),
     * so training and grading both take them from here.
     */
    public static List<String> harnessMain(int javaFeature) {
        List<String> options = new ArrayList<>();
        if (javaFeature >= 22) {
            // The harness alone: it makes its process undumpable, which closes /proc/self/mem to student code.
            options.add("--enable-native-access=threadmark.harness");
        }
        if (javaFeature >= 24) {
            // Student code shares this JVM: no native access for it (FFM could read the harness's memory).
            options.add("--illegal-native-access=deny");
        }
        options.addAll(List.of("-p", MODULE_PATH, "--add-modules", "ALL-MODULE-PATH",
                "-m", "threadmark.harness/threadmark.harness.Main"));
        return options;
    }

    public List<String> harnessMain() {
        return harnessMain(javaFeature);
    }
}
