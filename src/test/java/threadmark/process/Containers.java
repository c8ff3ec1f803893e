package threadmark.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Sandbox containers as the Docker engine lists them, by the server process that started them. */
final class Containers {

    private Containers() {
    }

    /** Containers (running or not) whose owner label names process {@code pid} on this host. */
    static long ownedBy(long pid) throws IOException, InterruptedException {
        Process docker = new ProcessBuilder("docker", "ps", "-a", "--filter", "label=threadmark.sandbox=run",
                "--format", "{{.Label \"threadmark.sandbox.owner\"}}").redirectErrorStream(true).start();
        String out = new String(docker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (docker.waitFor() != 0) {
            throw new IllegalStateException("docker ps failed: " + out);
        }
        return List.of(out.split("\n")).stream().filter(owner -> owner.contains(":" + pid + "@")).count();
    }
}
