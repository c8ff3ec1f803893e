package threadmark.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;

import java.nio.file.Path;

/** The sandbox as a whole: the Docker client, the runner, and the image, built on first use. */
public final class Sandbox implements AutoCloseable {

    private final DockerClient docker;
    private final SandboxConfig config;
    private final HarnessBundle bundle;
    private final SandboxRunner runner;
    private volatile SandboxImage image;

    public Sandbox(SandboxConfig config, HarnessBundle bundle) {
        this.config = config;
        this.bundle = bundle;
        this.docker = DockerClientFactory.create(config.dockerHost());
        this.runner = new SandboxRunner(docker, config);
    }

    public SandboxImage image() {
        SandboxImage current = image;
        if (current == null) {
            synchronized (this) {
                if (image == null && config.image().isPresent()) {
                    image = prebuilt(config.image().get());
                } else if (image == null) {
                    Path jdkHome = Path.of(config.jdkHome().orElse(System.getProperty("java.home")));
                    image = new SandboxImageBuilder(docker, bundle, jdkHome, config.imageRepository()).findOrBuild();
                }
                current = image;
            }
        }
        return current;
    }

    private SandboxImage prebuilt(String tag) {
        try {
            return SandboxImageBuilder.describe(tag, docker.inspectImageCmd(tag).exec());
        } catch (NotFoundException e) {
            throw new SandboxException("threadmark.sandbox.image names " + tag + ", which the Docker engine does not have");
        }
    }

    public SandboxRunner runner() {
        return runner;
    }

    public SandboxConfig config() {
        return config;
    }

    public HarnessBundle bundle() {
        return bundle;
    }

    public DockerClient docker() {
        return docker;
    }

    @Override
    public void close() throws Exception {
        runner.close();
        docker.close();
    }
}
