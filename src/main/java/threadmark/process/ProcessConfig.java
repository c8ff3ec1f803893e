package threadmark.process;

import io.smallrye.config.ConfigMapping;

/** What this server process does; several processes share one PostgreSQL database and its queue. */
@ConfigMapping(prefix = "threadmark.process")
public interface ProcessConfig {

    /**
     * {@code both}: pages, API and grading workers (one machine). {@code web}: pages and API, no workers.
     * {@code worker}: grading workers only; the HTTP port answers health checks and nothing else.
     */
    Role role();

    enum Role {
        BOTH, WEB, WORKER;

        public boolean serves() {
            return this != WORKER;
        }

        public boolean grades() {
            return this != WEB;
        }
    }
}
