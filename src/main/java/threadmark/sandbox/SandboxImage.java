package threadmark.sandbox;

/** A built sandbox image: its tag and the Java feature version of the runtime inside it. */
public record SandboxImage(String tag, int javaFeature) {

    public static final String HOME = "/opt/threadmark";
    public static final String JAVA = HOME + "/jdk/bin/java";
    public static final String MODULE_PATH = HOME + "/harness.jar:" + HOME + "/lib";
}
