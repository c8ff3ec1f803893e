package threadmark.pages;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import threadmark.course.Assignment;
import threadmark.exercise.Exercise;
import threadmark.format.ExerciseDefinition;
import threadmark.submission.BestScores;
import threadmark.submission.Grading;
import threadmark.submission.Submission;
import threadmark.submission.SubmissionsConfig;
import threadmark.user.CurrentUser;
import threadmark.user.Role;
import threadmark.user.User;
import threadmark.web.Dates;
import threadmark.web.MarkdownRenderer;
import threadmark.web.PageContext;
import threadmark.web.PageFrame;
import threadmark.web.TemplateExtensions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The course as pages: the exercise list, and one exercise with its prompt, editor and the student's history. */
@Path("/exercises")
@RolesAllowed({Role.STUDENT_ROLE, Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
@Produces(MediaType.TEXT_HTML)
public class ExercisePage {

    public record CourseItem(String slug, String title, List<String> topics, double maxScore, Double bestScore,
                             Schedule schedule) {
        public boolean solved() {
            return bestScore != null && bestScore >= maxScore;
        }
    }

    public record EditorFile(String name, String content) {
    }

    public record TestRow(String name, String property, double points, boolean visible) {
    }

    public record HistoryRow(long id, String submittedAt, Grading.Status status, Double score, boolean late,
                             boolean practice) {
        public boolean finished() {
            return status.finished();
        }
    }

    /** When an exercise opens and is due for the reader, as the pages print it; all null when it is not assigned. */
    public record Schedule(String opens, boolean open, String deadline, boolean deadlinePassed, String latePenalty,
                           String cutoff) {
        static final Schedule NONE = new Schedule(null, true, null, false, null, null);

        static Schedule of(Assignment a, Instant now, Locale locale) {
            if (a == null) {
                return NONE;
            }
            return new Schedule(Dates.format(a.releaseAt, locale), a.releasedAt(now), Dates.format(a.dueAt, locale),
                    a.dueAt != null && now.isAfter(a.dueAt),
                    a.latePenaltyPerDay > 0 ? TemplateExtensions.fmtScore(a.latePenaltyPerDay) : null,
                    Dates.format(a.cutoffAt, locale));
        }
    }

    /** Everything the exercise page shows; {@code error} and {@code files} carry a refused submission back. */
    public record View(String slug, String title, int version, List<String> topics, RawString prompt,
                       List<EditorFile> files, List<TestRow> tests, Map<String, String> visibleTests, double maxScore,
                       Schedule schedule, boolean staff, List<HistoryRow> history, String scoreChart,
                       Long loadedFrom, boolean chosen, String error, int maxKilobytes, int rateLimit,
                       long rateWindowSeconds) {
    }

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance list(PageFrame frame, List<CourseItem> exercises);

        public static native TemplateInstance exercise(PageFrame frame, View exercise);
    }

    @Inject
    PageContext page;

    @Inject
    CurrentUser currentUser;

    @Inject
    MarkdownRenderer markdown;

    @Inject
    SubmissionsConfig limits;

    @GET
    @Transactional
    public TemplateInstance list() {
        Locale locale = page.locale();
        Map<String, Double> best = BestScores.of(currentUser.get());
        Instant now = Instant.now();
        Map<String, Assignment> assignments = Assignment.governing(currentUser.get(), now);
        List<CourseItem> items = Exercise.catalogue().stream()
                .map(e -> new CourseItem(e.slug, e.title, e.definition.topics(), e.definition.maxScore(),
                        best.get(e.slug), Schedule.of(assignments.get(e.slug), now, locale)))
                .toList();
        return Templates.list(page.frame(), items).setLocale(locale);
    }

    @GET
    @Path("/{slug}")
    @Transactional
    public TemplateInstance exercise(@PathParam("slug") String slug, @QueryParam("from") Long from,
                                     @QueryParam("starter") boolean starter) {
        Exercise exercise = Exercise.current(slug).orElseThrow(() -> new NotFoundException("no exercise '" + slug + "'"));
        if (from == null && !starter) {
            // Reopened: the latest submission, not the starter (an unsent draft in the browser comes first still).
            from = Submission.byUserAndExercise(currentUser.get(), slug).stream().findFirst().map(s -> s.id).orElse(null);
            return render(exercise, from == null ? exercise.starterFiles : loadable(from, slug).files, from, null, false);
        }
        return render(exercise, from == null ? exercise.starterFiles : loadable(from, slug).files, from, null, true);
    }

    /** Renders the page again with what the student sent and why it was refused, so nothing typed is lost. */
    public TemplateInstance refused(Exercise exercise, Map<String, String> files, String error) {
        return render(exercise, files, null, error, true);
    }

    /** {@code chosen}: the reader asked for these files (a submission, the starter), so no browser draft replaces them. */
    private TemplateInstance render(Exercise exercise, Map<String, String> files, Long loadedFrom, String error,
                                    boolean chosen) {
        Locale locale = page.locale();
        User user = currentUser.get();
        ExerciseDefinition d = exercise.definition;
        String promptSource = locale.getLanguage().equals("ru") && exercise.promptMarkdownRu != null
                ? exercise.promptMarkdownRu : exercise.promptMarkdown;
        List<EditorFile> editorFiles = new ArrayList<>();
        d.files().forEach(name -> editorFiles.add(new EditorFile(name, files.getOrDefault(name, ""))));
        files.keySet().stream().filter(n -> !d.files().contains(n)).sorted()
                .forEach(name -> editorFiles.add(new EditorFile(name, files.get(name))));
        List<Submission> mine = Submission.byUserAndExercise(user, exercise.slug);
        List<HistoryRow> history = mine.stream().map(s -> {
            Grading g = Grading.latestOf(s).orElseThrow();
            return new HistoryRow(s.id, Dates.format(s.submittedAt, locale), g.status, g.score, s.late, s.practice);
        }).toList();
        Instant now = Instant.now();
        Schedule schedule = Schedule.of(Assignment.governing(user, exercise.slug, now).orElse(null), now, locale);
        // Before the assignment opens, a student sees its title and dates only.
        boolean withheld = !schedule.open() && !user.isStaff();
        View view = new View(exercise.slug, titleOf(promptSource, exercise.title), exercise.version, d.topics(),
                withheld ? new RawString("") : markdown.toSafeHtml(withoutTitle(promptSource)),
                withheld ? List.of() : editorFiles,
                withheld ? List.of() : d.tests().stream()
                        .map(t -> new TestRow(t.methodName(), t.property(), t.points(), t.visible())).toList(),
                withheld ? Map.of() : exercise.visibleTests, d.maxScore(), schedule, user.isStaff(), history, ScoreChart.points(history, d.maxScore()),
                loadedFrom, chosen, error, limits.maxBytes() / 1024, limits.rateLimit(), limits.rateWindow().toSeconds());
        return Templates.exercise(page.frame(), view).setLocale(locale);
    }

    /** A prompt's own leading "# Title" (in the reader's language), else the exercise's title. */
    static String titleOf(String markdown, String fallback) {
        String trimmed = markdown.stripLeading();
        if (!trimmed.startsWith("# ")) {
            return fallback;
        }
        int end = trimmed.indexOf('\n');
        return (end < 0 ? trimmed.substring(2) : trimmed.substring(2, end)).strip();
    }

    /** The page shows the title above the prompt already; a prompt's own leading "# Title" would repeat it. */
    static String withoutTitle(String markdown) {
        String trimmed = markdown.stripLeading();
        if (!trimmed.startsWith("# ")) {
            return markdown;
        }
        int end = trimmed.indexOf('\n');
        return end < 0 ? "" : trimmed.substring(end + 1);
    }

    /** A submission the current user may load into the editor: their own, or any for staff. */
    private Submission loadable(long id, String slug) {
        Submission submission = Submission.findById(id);
        if (submission == null || !submission.exercise.slug.equals(slug)) {
            throw new NotFoundException("no submission " + id + " for " + slug);
        }
        if (!submission.readableBy(currentUser.get())) {
            throw new ForbiddenException("submission " + id + " belongs to another student");
        }
        return submission;
    }
}
