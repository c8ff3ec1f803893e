package threadmark.submission;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestStreamElementType;
import threadmark.course.Assignment;
import threadmark.format.FeedbackTranslator;
import threadmark.grading.CompileError;
import threadmark.grading.GradeReport;
import threadmark.user.CurrentUser;
import threadmark.user.Role;
import threadmark.web.PageFrame;
import threadmark.web.Dates;
import threadmark.web.PageContext;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A submission's result page and its live grading status. */
@Path("/submissions")
@RolesAllowed({Role.STUDENT_ROLE, Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
public class SubmissionPage {

    /** One test's line on the result page; hidden tests show no source, and their output to staff only. */
    public record TestLine(String name, String property, GradeReport.Status status, double points, double maxPoints,
                           boolean visible, String message, String output) {
    }

    public record Result(long id, String slug, String exerciseTitle, int exerciseVersion, String student,
                         String submittedAt, boolean late, Grading.Status status, Long queuePosition,
                         Long estimatedWaitSeconds,
                         GradeReport.Outcome outcome, Double score, Double maxScore, String summary,
                         List<CompileError> compileErrors, List<TestLine> tests, Map<String, String> files,
                         Map<String, String> visibleTests, int gradedVersion, List<EarlierRun> earlier,
                         boolean provisional, Long remeasureInMinutes, String course) {
        public boolean finished() {
            return status.finished();
        }

        /** Finished, or a provisional result whose definite failures the student sees while it waits. */
        public boolean shown() {
            return finished() || provisional;
        }

        public boolean fullMarks() {
            return score != null && maxScore != null && score >= maxScore;
        }
    }

    /** A grading before the latest one: a regrade keeps it, and its score, on record. */
    public record EarlierRun(String finishedAt, int version, Grading.Status status, Double score, Double maxScore) {
    }

    /** What the live status stream sends each time the grading moves on. */
    public record LiveStatus(Grading.Status status, Long queuePosition, Long estimatedWaitSeconds, Double score,
                             Double maxScore, boolean provisional, Long remeasureInSeconds) {
        public boolean finished() {
            return status.finished();
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance result(PageFrame frame, Result result);
    }

    private static final Duration STREAM_LIMIT = Duration.ofMinutes(15);
    private static final Duration QUEUE_EVERY = Duration.ofSeconds(2);

    @Inject
    CurrentUser currentUser;

    @Inject
    PageContext page;

    @Inject
    LiveStreams liveStreams;

    @Inject
    GradingChanges gradingChanges;

    @GET
    @Path("/{id}")
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance result(@PathParam("id") long id) {
        Submission submission = readable(id);
        Grading grading = Grading.latestOf(submission).orElseThrow();
        Locale locale = page.locale();
        Dates dates = page.dates();
        boolean finished = grading.status.finished();
        Map<String, String> properties = new LinkedHashMap<>();
        grading.exercise.definition.tests().forEach(t -> properties.put(t.methodName(), t.property(locale)));
        List<EarlierRun> earlier = Grading.historyOf(submission).stream().filter(g -> !g.id.equals(grading.id))
                .map(g -> new EarlierRun(dates.format(g.finishedAt), g.exercise.version, g.status, g.score,
                        g.maxScore))
                .toList();
        boolean shown = finished || grading.isProvisional();
        boolean staff = currentUser.get().isStaff();
        boolean hiddenShown = TestDisclosure.hiddenOutputShown(submission, staff);
        FeedbackTranslator russian = "ru".equals(locale.getLanguage())
                ? FeedbackTranslator.russian(grading.exercise.definition.feedbackRu()) : null;
        List<TestLine> tests = shown
                ? grading.results.stream().map(r -> line(r, properties, hiddenShown, russian)).toList()
                : List.of();
        Long remeasureIn = remeasureInSeconds(grading);
        QueueSnapshot queue = gradingChanges.queue(grading.status == Grading.Status.QUEUED ? new long[] {grading.id}
                : new long[0]);
        Result result = new Result(submission.id, submission.exercise.slug, submission.exercise.title,
                submission.exercise.version, submission.user.username, dates.format(submission.submittedAt),
                submission.late, grading.status, queue.position(grading), queue.estimatedWaitSeconds(grading),
                grading.outcome, grading.score, grading.maxScore, grading.summary,
                shown && grading.compileErrors != null ? grading.compileErrors : List.of(), tests,
                submission.files, submission.exercise.visibleTests, grading.exercise.version, earlier,
                grading.isProvisional(), remeasureIn == null ? null : Math.max(1, (remeasureIn + 59) / 60),
                Assignment.governing(submission.user, submission.exercise.slug, Instant.now())
                        .map(a -> a.course.title).orElse(null));
        return Templates.result(page.frame(), result).setLocale(locale);
    }

    /**
     * The grading's status as server-sent events, one each time it changes, ending once it is graded. Reads run on a
     * virtual thread, off the event loop; the stream also ends when the page is closed or after 15 minutes. Streams are
     * capped per user and in all ({@link LiveStreams}).
     */
    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking
    public Multi<LiveStatus> events(@PathParam("id") long id) {
        long reader = QuarkusTransaction.requiringNew().call(() -> {
            readable(id);
            return currentUser.get().id;
        });
        Runnable release = liveStreams.open(reader);
        Subscription subscription = gradingChanges.subscribe(id);
        return Multi.createFrom().<LiveStatus>emitter(emitter -> Thread.ofVirtual().name("live-status-" + id)
                        .start(() -> follow(id, subscription, emitter)))
                .onTermination().invoke(() -> {
                    subscription.close();
                    release.run();
                });
    }

    /**
     * Sends the grading's status each time it changes. Between changes the stream waits for the database's
     * announcement (see {@link GradingChanges}) and reads nothing; a queued grading's place comes from the one queue
     * read all pages share. A change of its own grading is sent at once; a place in the queue at most every
     * {@link #QUEUE_EVERY}, since on deadline night each claim moves every queued page, and a thousand of them would
     * otherwise each be sent an event several times a second.
     */
    private void follow(long id, Subscription subscription, MultiEmitter<? super LiveStatus> emitter) {
        long deadline = System.nanoTime() + STREAM_LIMIT.toNanos();
        try {
            Grading grading = null;
            LiveStatus last = null;
            long quietUntil = System.nanoTime();
            boolean queueMoved = false;
            Subscription.Change change = Subscription.Change.OWN;
            while (!emitter.isCancelled() && !subscription.isClosed()) {
                if (change == Subscription.Change.OWN) {
                    grading = liveStreams.read(() -> Grading.latestOf(Submission.<Submission>findById(id)).orElseThrow());
                }
                // Only a queued grading has a place: a page waiting for a re-measurement, whose countdown moves every
                // second, was otherwise sent an event at each claim anywhere.
                queueMoved |= change == Subscription.Change.QUEUE && grading.status == Grading.Status.QUEUED;
                if (change == Subscription.Change.OWN || queueMoved && System.nanoTime() - quietUntil >= 0) {
                    queueMoved = false;
                    LiveStatus now = status(grading);
                    if (!now.equals(last)) {
                        emitter.emit(now);
                        last = now;
                        quietUntil = System.nanoTime() + QUEUE_EVERY.toNanos();
                    }
                    if (now.finished()) {
                        break;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                long wait = queueMoved ? Math.max(0, Math.min(left, quietUntil - System.nanoTime())) : left;
                change = subscription.await(Duration.ofNanos(wait));
                if (change == Subscription.Change.NONE && queueMoved) {
                    change = Subscription.Change.QUEUE; // the quiet time is over: send the place it has now
                }
            }
            emitter.complete();
        } catch (InterruptedException e) {
            emitter.complete();
        } catch (RuntimeException e) {
            emitter.fail(e);
        }
    }

    private LiveStatus status(Grading grading) {
        QueueSnapshot queue = grading.status == Grading.Status.QUEUED ? gradingChanges.queue(grading.id) : null;
        return new LiveStatus(grading.status, queue == null ? null : queue.position(grading),
                queue == null ? null : queue.estimatedWaitSeconds(grading), grading.score, grading.maxScore,
                grading.isProvisional(), remeasureInSeconds(grading));
    }

    /** Seconds until a grading that waits for a fair measurement is measured again; null unless it waits. */
    static Long remeasureInSeconds(Grading grading) {
        if (grading.status != Grading.Status.WAITING || grading.remeasureAt == null) {
            return null;
        }
        return Math.max(0, Duration.between(Instant.now(), grading.remeasureAt).toSeconds());
    }

    /** {@code russian}: null for an English reader. */
    private static TestLine line(TestResult r, Map<String, String> properties, boolean hiddenShown,
                                 FeedbackTranslator russian) {
        String name = r.testId.contains("#") ? r.testId.substring(r.testId.indexOf('#') + 1) : r.displayName;
        String message = withoutExceptionName(r.message);
        return new TestLine(name, properties.get(name), r.status, r.points, r.maxPoints, r.visible,
                russian == null ? message : russian.translate(message).text(), TestDisclosure.output(r, hiddenShown));
    }

    /** "AssertionFailedError: 3 of 8 were lost" reads better as "3 of 8 were lost"; other exceptions keep their name. */
    static String withoutExceptionName(String message) {
        if (message == null) {
            return null;
        }
        return message.replaceFirst("^(java\\.lang\\.)?(org\\.opentest4j\\.)?(AssertionError|AssertionFailedError): ", "");
    }

    /** The submission, if the current user may read it: their own, or any for staff. */
    private Submission readable(long id) {
        Submission submission = Submission.findById(id);
        if (submission == null) {
            throw new NotFoundException("no submission " + id);
        }
        if (!submission.readableBy(currentUser.get())) {
            throw new io.quarkus.security.ForbiddenException("submission " + id + " belongs to another student");
        }
        return submission;
    }
}
