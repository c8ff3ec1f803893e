package threadmark.grading;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import threadmark.web.BrowserSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

/**
 * The host is loaded on purpose (busy processes pinned to the grading cores, 2.5 per core) while a parallel-primes
 * solution that miscounts and the reference are graded through the server: the miscount is reported at once, nothing
 * ends in ERROR, the reference's speedup waits visibly for a fair measurement (unless the harness judged the loaded
 * run fair, when it scores full marks at once), and once the load stops the reference gets full marks.
 */
@Tag("sandbox")
@QuarkusTest
@TestProfile(BusyHostGradingTest.PatientWaits.class)
class BusyHostGradingTest {

    private static final Path PRIMES = Path.of("exercises/parallel-primes");
    private static final String WRONG_COUNT = "PrimeCounterTest#correctOnRangesThatDoNotDivideEvenly";
    private static final String SPEEDUP = "PrimeCounterTest#fasterWithAllCpusThanWithOne";

    /** Short back-off, and enough runs that a quiet moment after the load is always reached within the test. */
    public static class PatientWaits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("threadmark.grading.remeasure.first-delay", "2s",
                    "threadmark.grading.remeasure.max-delay", "5s",
                    "threadmark.grading.remeasure.max-runs", "30",
                    "threadmark.grading.remeasure.max-wait", "20m");
        }
    }

    private final List<String> statuses = new ArrayList<>();

    @Test
    void aBusyHostDelaysTheVerdictButNeverBreaksOrFalsifiesIt() throws Exception {
        given().auth().preemptive().basic("instructor", "instructor").contentType(ContentType.JSON)
                .body(Map.of("username", "bea", "password", "bea-password", "role", "STUDENT"))
                .post("/api/users").then().statusCode(anyOf(equalTo(201), equalTo(409)));
        BrowserSession bea = BrowserSession.login("bea", "bea-password");
        long deadline = System.nanoTime() + Duration.ofMinutes(12).toNanos();

        long wrong;
        long reference;
        try (BusyLoad load = BusyLoad.onGradingCores(5)) {
            wrong = submit("drops-remainder");
            reference = submit("reference");

            // The miscount does not depend on the machine: it is shown with the first run, final or provisional.
            JsonPath first = await(wrong, deadline, b -> !b.getList("tests").isEmpty());
            assertThat(first.getString("status")).isIn("WAITING", "DONE", "RUNNING", "QUEUED");
            assertThat(first.getString("tests.find { it.id == '" + WRONG_COUNT + "' }.status")).isEqualTo("FAILED");
            assertThat(first.getString("tests.find { it.id == '" + WRONG_COUNT + "' }.message"))
                    .contains("but there are").contains("primes in that range");
            assertThat(first.getDouble("score")).isLessThan(100.0);

            // Where the load kept the reference's threads from running side by side, it cannot show its speedup: it
            // waits, and says so, instead of failing. The speedup is judged against the exercise's own reference run
            // on the same cores in the same rounds, so the harness may also find the loaded run fair all the same:
            // then the reference is graded at once, and must score full marks. Never a failure the load caused.
            JsonPath settled = await(reference, deadline,
                    b -> b.getString("status").equals("WAITING") || b.getString("status").equals("DONE"));
            if (settled.getString("status").equals("WAITING")) {
                assertThat(settled.getBoolean("provisional")).isTrue();
                assertThat(settled.getString("remeasureAt")).isNotBlank();
                assertThat(settled.getString("tests.find { it.id == '" + SPEEDUP + "' }.status"))
                        .isEqualTo("UNMEASURED");
                assertThat(settled.getString("summary")).contains("points so far")
                        .contains("could not be measured fairly");
                assertThat(bea.get("/submissions/" + reference).then().statusCode(200).extract().asString())
                        .contains("It is measured again in about").contains("not measured yet");
            } else {
                assertThat(settled.getDouble("score")).as("judged fair under the load: %s", settled.getString("summary"))
                        .isEqualTo(100.0);
            }
            assertThat(load.stillBusy()).as("the load ran throughout").isTrue();
        }

        JsonPath referenceDone;
        try {
            referenceDone = await(reference, deadline, b -> b.getString("status").equals("DONE"));
        } catch (AssertionError stillWaiting) {
            // Waiting on is the right behaviour where even a quiet moment gives no speedup (two vCPUs on one core).
            Optional<String> sharedCores = SharedCores.problem();
            Assumptions.assumeFalse(statuses.getLast().equals("WAITING") && sharedCores.isPresent(),
                    () -> "the load is gone, but this host cannot show a speedup, so the reference rightly waits: "
                            + sharedCores.orElseThrow());
            throw stillWaiting;
        }
        assertThat(referenceDone.getDouble("score")).as(referenceDone.getString("summary")).isEqualTo(100.0);
        assertThat(referenceDone.getList("gradings")).hasSize(1);
        JsonPath wrongDone = await(wrong, deadline, b -> b.getString("status").equals("DONE"));
        assertThat(wrongDone.getString("tests.find { it.id == '" + WRONG_COUNT + "' }.status")).isEqualTo("FAILED");
        assertThat(wrongDone.getDouble("score")).isLessThan(100.0);
        assertThat(statuses).as("statuses seen").doesNotContain("ERROR");
    }

    private static long submit(String solution) throws IOException {
        String code = Files.readString(PRIMES.resolve("solutions").resolve(solution).resolve("PrimeCounter.java"));
        return given().auth().preemptive().basic("bea", "bea-password").contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("PrimeCounter.java", code)))
                .post("/api/exercises/parallel-primes/submissions").then().statusCode(202)
                .extract().jsonPath().getLong("id");
    }

    private JsonPath await(long id, long deadline, Predicate<JsonPath> until) throws InterruptedException {
        while (true) {
            JsonPath body = given().auth().preemptive().basic("bea", "bea-password").get("/api/submissions/" + id)
                    .then().statusCode(200).extract().jsonPath();
            statuses.add(body.getString("status"));
            assertThat(body.getString("status")).as("submission %d: %s", id, body.getString("summary"))
                    .isNotEqualTo("ERROR");
            if (until.test(body)) {
                return body;
            }
            assertThat(body.getString("status")).as("submission %d got a final verdict before it could be measured "
                    + "fairly: %s %s", id, body.getString("summary"), body.getList("tests.message")).isNotEqualTo("DONE");
            assertThat(System.nanoTime()).as("submission %d still %s", id, body.getString("status")).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    /** Processes that spin on the cores gradings run on, ended (by their own handles) when closed. */
    private record BusyLoad(List<Process> processes) implements AutoCloseable {

        static BusyLoad onGradingCores(int count) throws IOException {
            String cores = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("Cpus_allowed_list:")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElseThrow();
            List<Process> processes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                processes.add(new ProcessBuilder("taskset", "-c", cores, "sh", "-c", "while :; do :; done")
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start());
            }
            return new BusyLoad(processes);
        }

        boolean stillBusy() {
            return processes.stream().allMatch(Process::isAlive);
        }

        @Override
        public void close() {
            processes.forEach(Process::destroyForcibly);
        }
    }
}
