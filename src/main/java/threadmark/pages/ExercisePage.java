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
import threadmark.course.ExerciseAccess;
import threadmark.course.Extension;
import threadmark.course.LatePolicy;
import threadmark.exercise.Exercise;
import threadmark.exercise.ExerciseListing;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The course as pages: the exercise list, and one exercise with its prompt, editor and the student's history. */
@Path("/exercises")
@RolesAllowed({Role.STUDENT_ROLE, Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
@Produces(MediaType.TEXT_HTML)
public class ExercisePage {

    /** {@code listing}: for staff, how students see it ("hidden", "archived", "practice"), else null. */
    public record CourseItem(String slug, String title, List<String> topics, double maxScore, Double bestScore,
                             Schedule schedule, String listing) {
        public boolean solved() {
            return bestScore != null && bestScore >= maxScore;
        }
    }

    /** A block of the list: one course of the reader's, the exercises open for practice, or (staff) all of them. */
    public record Section(String id, String title, Kind kind, List<CourseItem> exercises) {
        public enum Kind { COURSE, PRACTICE, ALL }
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
                           String cutoff, boolean extended, Integer maxSubmissions, Integer freeSubmissions,
                           String attemptPenalty) {
        static final Schedule NONE = new Schedule(null, true, null, false, null, null, false, null, null, null);

        /** {@code reader}'s dates: the assignment's, or those of their extension. */
        static Schedule of(Assignment a, User reader, Instant now, Dates dates) {
            if (a == null) {
                return NONE;
            }
            LatePolicy policy = reader.isStaff() ? a.latePolicy() : Extension.policyFor(a, reader);
            return new Schedule(dates.format(a.releaseAt), a.releasedAt(now), dates.format(policy.dueAt()),
                    policy.dueAt() != null && now.isAfter(policy.dueAt()),
                    a.latePenaltyPerDay > 0 ? TemplateExtensions.fmtScore(a.latePenaltyPerDay) : null,
                    dates.format(policy.cutoffAt()), !Objects.equals(policy.dueAt(), a.dueAt), a.maxSubmissions,
                    a.freeSubmissions, a.attemptPenalty > 0 ? TemplateExtensions.fmtScore(a.attemptPenalty) : null);
        }
    }

    /** Everything the exercise page shows; {@code error} and {@code files} carry a refused submission back. */
    public record View(String slug, String title, int version, String course, List<String> topics, RawString prompt,
                       List<EditorFile> files, List<TestRow> tests, Map<String, String> visibleTests, double maxScore,
                       Schedule schedule, boolean staff, List<HistoryRow> history, String scoreChart,
                       Long loadedFrom, boolean chosen, String error, int maxKilobytes, int rateLimit,
                       long rateWindowSeconds, boolean archived, Integer liveVersion, long sent,
                       Map<String, String> revealedTests) {
        /** The assignment's submissions are used up: the form says so instead of sending. */
        public boolean usedUp() {
            return !staff && schedule.maxSubmissions() != null && sent >= schedule.maxSubmissions();
        }

        /** Staff preview a version students do not get (a draft, an earlier one); submissions then try that one. */
        public boolean preview() {
            return liveVersion == null || liveVersion != version;
        }
    }

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance list(PageFrame frame, List<Section> sections);

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

    /**
     * A student's courses, each with the exercises it sets in order, then those open for practice; staff see the
     * whole catalogue, marked with how students see each exercise.
     */
    @GET
    @Transactional
    public TemplateInstance list() {
        Locale locale = page.locale();
        Dates dates = page.dates();
        User user = currentUser.get();
        Map<String, Double> best = BestScores.of(user);
        Instant now = Instant.now();
        Map<String, Exercise> catalogue = new LinkedHashMap<>();
        Exercise.catalogue().forEach(e -> catalogue.put(e.slug, e));
        List<Section> sections = new ArrayList<>();
        if (user.isStaff()) {
            Map<String, ExerciseListing> listings = ExerciseListing.all();
            sections.add(new Section("all", null, Section.Kind.ALL, catalogue.values().stream()
                    .map(e -> item(e, best, Schedule.NONE, staffMark(listings.get(e.slug)))).toList()));
        } else {
            List<ExerciseAccess.CourseExercises> courses = ExerciseAccess.coursesOf(user);
            for (ExerciseAccess.CourseExercises c : courses) {
                sections.add(new Section("course-" + c.course().slug, c.course().title, Section.Kind.COURSE,
                        c.assignments().stream().map(a -> item(catalogue.get(a.exerciseSlug), best,
                                Schedule.of(a, user, now, dates), null)).toList()));
            }
            Set<String> practice = ExerciseAccess.practiceBeyond(courses);
            List<CourseItem> open = catalogue.values().stream().filter(e -> practice.contains(e.slug))
                    .map(e -> item(e, best, Schedule.NONE, null)).toList();
            if (!open.isEmpty()) {
                sections.add(new Section("practice", null, Section.Kind.PRACTICE, open));
            }
        }
        return Templates.list(page.frame(), sections).setLocale(locale);
    }

    private CourseItem item(Exercise e, Map<String, Double> best, Schedule schedule, String listing) {
        Locale locale = page.locale();
        return new CourseItem(e.slug, titleIn(e, locale), e.definition.topics(locale), e.definition.maxScore(),
                best.get(e.slug), schedule, listing);
    }

    /** The title in the reader's language: the Russian prompt's own "# Title" where there is one. */
    static String titleIn(Exercise e, Locale locale) {
        return locale.getLanguage().equals("ru") && e.promptMarkdownRu != null ? titleOf(e.promptMarkdownRu, e.title)
                : e.title;
    }

    private static String staffMark(ExerciseListing listing) {
        if (listing == null || listing.listed()) {
            return listing != null && listing.practice ? "practice" : null;
        }
        return listing.visibility.name().toLowerCase(Locale.ROOT);
    }

    @GET
    @Path("/{slug}")
    @Transactional
    public TemplateInstance exercise(@PathParam("slug") String slug, @QueryParam("from") Long from,
                                     @QueryParam("starter") boolean starter, @QueryParam("version") Integer version) {
        Exercise exercise = shown(slug, version);
        ExerciseAccess.requireMayOpen(currentUser.get(), slug);
        if (from == null && !starter) {
            // Reopened: the latest submission, not the starter (an unsent draft in the browser comes first still).
            from = Submission.byUserAndExercise(currentUser.get(), slug).stream().findFirst().map(s -> s.id).orElse(null);
            return render(exercise, from == null ? exercise.starterFiles : loadable(from, slug).files, from, null, false);
        }
        return render(exercise, from == null ? exercise.starterFiles : loadable(from, slug).files, from, null, true);
    }

    /** The live version; staff may open any other (a draft to preview and try); to students no other one exists. */
    private Exercise shown(String slug, Integer version) {
        if (version == null || !currentUser.get().isStaff()) {
            return Exercise.current(slug).orElseThrow(() -> new NotFoundException("no exercise '" + slug + "'"));
        }
        return Exercise.version(slug, version).orElseThrow(() -> new NotFoundException("exercise '" + slug
                + "' has no version " + version));
    }

    /** Renders the page again with what the student sent and why it was refused, so nothing typed is lost. */
    public TemplateInstance refused(Exercise exercise, Map<String, String> files, String error) {
        return render(exercise, files, null, error, true);
    }

    /** {@code chosen}: the reader asked for these files (a submission, the starter), so no browser draft replaces them. */
    private TemplateInstance render(Exercise exercise, Map<String, String> files, Long loadedFrom, String error,
                                    boolean chosen) {
        Locale locale = page.locale();
        Dates dates = page.dates();
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
            return new HistoryRow(s.id, dates.format(s.submittedAt), g.status, g.score, s.late, s.practice);
        }).toList();
        Instant now = Instant.now();
        Assignment assignment = Assignment.governing(user, exercise.slug, now).orElse(null);
        Schedule schedule = Schedule.of(assignment, user, now, dates);
        // Before the assignment opens, a student sees its title and dates only.
        boolean withheld = !schedule.open() && !user.isStaff();
        View view = new View(exercise.slug, titleOf(promptSource, exercise.title), exercise.version,
                assignment == null ? null : assignment.course.title, d.topics(locale),
                withheld ? new RawString("") : markdown.toSafeHtml(withoutTitle(promptSource)),
                withheld ? List.of() : editorFiles,
                withheld ? List.of() : d.tests().stream()
                        .map(t -> new TestRow(t.methodName(), t.property(locale), t.points(), t.visible())).toList(),
                withheld ? Map.of() : exercise.visibleTests, d.maxScore(), schedule, user.isStaff(), history, ScoreChart.points(history, d.maxScore()),
                loadedFrom, chosen, error, limits.maxBytes() / 1024, limits.rateLimit(), limits.rateWindow().toSeconds(),
                ExerciseListing.of(exercise.slug).visibility == ExerciseListing.Visibility.ARCHIVED,
                exercise.current ? Integer.valueOf(exercise.version)
                        : Exercise.current(exercise.slug).map(e -> e.version).orElse(null),
                mine.stream().filter(sub -> !sub.practice).count(),
                Assignment.hiddenTestsOpenTo(user, exercise.slug, now) && exercise.hiddenTests != null
                        ? exercise.hiddenTests : Map.of());
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
