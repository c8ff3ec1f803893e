package threadmark.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * race-counter submissions sent to a server process, alternately the reference and the unsynchronized counter, and
 * the checks every process-level test makes of them: all graded, each once, each with the verdict it deserves.
 */
final class Workload {

    static final String USER = "instructor";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Submission id → whether it is the reference (full marks) or the racy counter (must lose the race test). */
    final Map<Long, Boolean> sent = new LinkedHashMap<>();

    static Map<String, String> solution(String folder) throws IOException {
        Map<String, String> files = new HashMap<>();
        try (Stream<Path> paths = Files.list(Path.of("exercises/race-counter/solutions", folder))) {
            for (Path p : paths.toList()) {
                files.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        return files;
    }

    void send(ServerProcess web, int count) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (web.get("/api/exercises/race-counter", USER).statusCode() != 200) {
            assertThat(System.currentTimeMillis()).as("race-counter published within 60 s").isLessThan(deadline);
            Thread.sleep(250);
        }
        String good = JSON.writeValueAsString(Map.of("files", solution("reference")));
        String bad = JSON.writeValueAsString(Map.of("files", solution("unsynchronized")));
        for (int i = 0; i < count; i++) {
            boolean reference = i % 2 == 0;
            var response = web.postJson("/api/exercises/race-counter/submissions", USER, reference ? good : bad);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            sent.put(JSON.readTree(response.body()).get("id").asLong(), reference);
        }
    }

    /** Waits until every submission sent has a finished grading, or the timeout passes. */
    void awaitGraded(long timeoutMillis) throws SQLException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline && unfinished() > 0) {
            Thread.sleep(500);
        }
    }

    long unfinished() throws SQLException {
        return ItDatabase.count("select count(*) from grading where status not in ('DONE', 'ERROR')");
    }

    /** The figures the issue asks for, checked: accepted = graded, none lost, none graded twice, verdicts right. */
    Figures check() throws SQLException {
        List<Map<String, Object>> rows = ItDatabase.query("""
                select s.id as submission, g.id as grading, g.status, g.score, g.attempts, g.graded_by, g.results_stored
                  from submission s left join grading g on g.submission_id = s.id order by s.id""");
        long graded = rows.stream().filter(r -> "DONE".equals(r.get("status"))).count();
        long twice = rows.stream().filter(r -> ((Number) r.get("results_stored")).intValue() > 1).count();
        long retried = rows.stream().filter(r -> ((Number) r.get("attempts")).intValue() > 1).count();
        Figures figures = new Figures(sent.size(), rows.size(), graded, sent.size() - graded, twice, retried);
        assertThat(rows).as("one grading per accepted submission").hasSize(sent.size());
        for (Map<String, Object> row : rows) {
            long submission = ((Number) row.get("submission")).longValue();
            long grading = ((Number) row.get("grading")).longValue();
            assertThat(sent).as("only submissions the test sent are stored").containsKey(submission);
            assertThat(row.get("status")).as("grading %d", grading).isEqualTo("DONE");
            assertThat(((Number) row.get("results_stored")).intValue()).as("times grading %d was stored", grading)
                    .isEqualTo(1);
            double score = ((Number) row.get("score")).doubleValue();
            if (sent.get(submission)) {
                assertThat(score).as("reference submission %d", submission).isEqualTo(100.0);
            } else {
                assertThat(score).as("racy submission %d", submission).isLessThan(100.0);
            }
        }
        return figures;
    }

    record Figures(int accepted, int stored, long graded, long lost, long gradedTwice, long retriedAfterLoss) {
        @Override
        public String toString() {
            return "accepted %d, stored %d, graded %d, lost %d, graded twice %d, retaken after a lost worker %d"
                    .formatted(accepted, stored, graded, lost, gradedTwice, retriedAfterLoss);
        }
    }

    static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }
}
