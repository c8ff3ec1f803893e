package threadmark.gradebook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import threadmark.course.Assignment;
import threadmark.course.AttemptPolicy;
import threadmark.course.Course;
import threadmark.course.CourseService;
import threadmark.course.Enrolment;
import threadmark.course.Extension;
import threadmark.course.LatePolicy;
import threadmark.exercise.Exercise;
import threadmark.submission.Grading;
import threadmark.submission.Submission;
import threadmark.user.User;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Computes a course's gradebook from what is stored. A submission scores what its latest finished grading gave it
 * (a regrade replaces the score; the earlier ones stay in the detailed export), scaled to the exercise's current
 * points, then reduced by the late policy (a student's extension moves its dates) and by the attempt policy. Per
 * course, either the best such score counts or the last graded one.
 */
@ApplicationScoped
public class GradebookService {

    @Transactional
    public Gradebook of(String courseSlug) {
        Course course = CourseService.find(courseSlug);
        List<Assignment> assignments = Assignment.inCourse(course);
        List<Enrolment> enrolments = Enrolment.inCourse(course);
        List<Gradebook.Column> columns = assignments.stream().map(GradebookService::column).toList();
        Map<Long, Map<String, List<Submission>>> byStudent = submissionsOf(enrolments, assignments);
        Map<Long, List<Grading>> gradings = gradingsOf(byStudent);
        Map<Long, Map<Long, Extension>> extensions = Extension.inAssignments(assignments).stream()
                .collect(Collectors.groupingBy(e -> e.assignment.id, Collectors.toMap(e -> e.user.id, e -> e)));

        List<Gradebook.StudentRow> rows = new ArrayList<>();
        List<Gradebook.SubmissionLine> lines = new ArrayList<>();
        for (Enrolment enrolment : enrolments) {
            User student = enrolment.user;
            List<Double> points = new ArrayList<>();
            for (int i = 0; i < assignments.size(); i++) {
                List<Submission> sent = byStudent.getOrDefault(student.id, Map.of())
                        .getOrDefault(assignments.get(i).exerciseSlug, List.of());
                Assignment assignment = assignments.get(i);
                Extension extension = extensions.getOrDefault(assignment.id, Map.of()).get(student.id);
                List<Gradebook.SubmissionLine> judged = judge(course.counting, enrolment, assignment,
                        extension == null ? assignment.latePolicy() : extension.latePolicy(), columns.get(i), sent,
                        gradings);
                lines.addAll(judged);
                points.add(judged.stream().filter(Gradebook.SubmissionLine::counted).map(Gradebook.SubmissionLine::points)
                        .findFirst().orElse(null));
            }
            double total = round(points.stream().filter(p -> p != null).mapToDouble(Double::doubleValue).sum());
            rows.add(new Gradebook.StudentRow(student.username, student.fullName(), student.email, student.sisId,
                    enrolment.section, points, total));
        }
        return new Gradebook(course.slug, course.title, course.counting.name(), columns, rows, lines);
    }

    /**
     * The points that count for each of {@code students} on one assignment, by user id (a student with nothing that
     * counts, or not enrolled, is left out), judged exactly as the gradebook judges them, and the assignment's maximum.
     */
    @Transactional
    public Counted counted(Assignment assignment, Collection<User> students) {
        Gradebook.Column column = column(assignment);
        Map<Long, Double> points = new HashMap<>();
        List<Enrolment> enrolments = students.isEmpty() ? List.of()
                : Enrolment.list("course = ?1 and user in ?2", assignment.course, students);
        Map<Long, Map<String, List<Submission>>> byStudent = submissionsOf(enrolments, List.of(assignment));
        Map<Long, List<Grading>> gradings = gradingsOf(byStudent);
        Map<Long, Extension> extensions = Extension.inAssignments(List.of(assignment)).stream()
                .collect(Collectors.toMap(e -> e.user.id, e -> e));
        for (Enrolment enrolment : enrolments) {
            Extension extension = extensions.get(enrolment.user.id);
            judge(assignment.course.counting, enrolment, assignment,
                    extension == null ? assignment.latePolicy() : extension.latePolicy(), column,
                    byStudent.getOrDefault(enrolment.user.id, Map.of()).getOrDefault(assignment.exerciseSlug, List.of()),
                    gradings).stream().filter(Gradebook.SubmissionLine::counted).findFirst()
                    .ifPresent(line -> points.put(enrolment.user.id, line.points()));
        }
        return new Counted(column.maxPoints(), points);
    }

    /** What counts on one assignment: points by user id, out of {@code maxPoints}. */
    public record Counted(double maxPoints, Map<Long, Double> points) {
    }

    private static Gradebook.Column column(Assignment a) {
        Exercise exercise = Exercise.current(a.exerciseSlug).orElse(null);
        String title = exercise == null ? a.exerciseSlug : exercise.title;
        double max = exercise == null ? 0 : exercise.definition.maxScore();
        return new Gradebook.Column(a.exerciseSlug, title, a.lmsId, max, a.dueAt, a.latePenaltyPerDay, a.cutoffAt);
    }

    /** Non-practice submissions of the enrolled students to the assigned exercises: student id → slug → oldest first. */
    private static Map<Long, Map<String, List<Submission>>> submissionsOf(List<Enrolment> enrolments,
                                                                         List<Assignment> assignments) {
        if (enrolments.isEmpty() || assignments.isEmpty()) {
            return Map.of();
        }
        List<User> students = enrolments.stream().map(e -> e.user).toList();
        List<String> slugs = assignments.stream().map(a -> a.exerciseSlug).toList();
        List<Submission> submissions = Submission.list("select s from Submission s join fetch s.exercise "
                + "where s.user in ?1 and s.exercise.slug in ?2 and s.practice = false order by s.submittedAt, s.id",
                students, slugs);
        return submissions.stream().collect(Collectors.groupingBy(s -> s.user.id,
                Collectors.groupingBy(s -> s.exercise.slug, Collectors.toList())));
    }

    private static Map<Long, List<Grading>> gradingsOf(Map<Long, Map<String, List<Submission>>> byStudent) {
        List<Submission> all = byStudent.values().stream().flatMap(m -> m.values().stream()).flatMap(List::stream)
                .toList();
        if (all.isEmpty()) {
            return Map.of();
        }
        List<Grading> gradings = Grading.list("select g from Grading g join fetch g.exercise where g.submission in ?1 "
                + "order by g.id", all);
        return gradings.stream().collect(Collectors.groupingBy(g -> g.submission.id));
    }

    /**
     * {@code policy}: the assignment's late policy, or the student's extension of it. The n-th submission (oldest
     * first) also loses what the attempt policy charges for it; one beyond the allowed number counts for nothing.
     */
    private static List<Gradebook.SubmissionLine> judge(Course.Counting counting, Enrolment enrolment,
                                                        Assignment assignment, LatePolicy policy,
                                                        Gradebook.Column column, List<Submission> sent,
                                                        Map<Long, List<Grading>> gradings) {
        AttemptPolicy attempts = assignment.attemptPolicy();
        record Judged(Submission submission, Grading result, List<Grading> runs, Double points, double penalty,
                      String excluded) {
        }
        List<Judged> judged = new ArrayList<>();
        for (int attempt = 1; attempt <= sent.size(); attempt++) {
            Submission s = sent.get(attempt - 1);
            double penalty = Math.min(100.0, policy.penaltyPercent(s.submittedAt) + attempts.penaltyFor(attempt));
            List<Grading> runs = gradings.getOrDefault(s.id, List.of());
            Grading result = runs.stream().filter(g -> g.status == Grading.Status.DONE)
                    .reduce((first, second) -> second).orElse(null);
            String excluded = null;
            Double points = null;
            if (assignment.releaseAt != null && s.submittedAt.isBefore(assignment.releaseAt)) {
                excluded = "sent before the exercise opened";
            } else if (policy.afterCutoff(s.submittedAt)) {
                excluded = "sent after the cut-off";
            } else if (!attempts.allowsAnother(attempt - 1)) {
                excluded = "beyond the " + attempts.max() + " submissions allowed";
            } else if (result == null) {
                excluded = runs.isEmpty() || !runs.getLast().status.finished() ? "not graded yet" : "grading failed";
            } else {
                double scaled = result.maxScore == null || result.maxScore == 0 ? 0
                        : result.score * column.maxPoints() / result.maxScore;
                points = round(scaled * (100.0 - penalty) / 100.0);
            }
            judged.add(new Judged(s, result, runs, points, penalty, excluded));
        }
        Judged chosen = judged.stream().filter(j -> j.points() != null)
                .max(counting == Course.Counting.BEST
                        ? Comparator.comparing(Judged::points).thenComparing(j -> -j.submission().id)
                        : Comparator.comparing(j -> j.submission().submittedAt))
                .orElse(null);
        User student = enrolment.user;
        return judged.stream().map(j -> {
            Submission s = j.submission();
            Grading latest = j.runs().isEmpty() ? null : j.runs().getLast();
            String note = j.excluded() != null ? j.excluded()
                    : j == chosen ? (counting == Course.Counting.BEST ? "counts: best score" : "counts: last graded")
                    : (counting == Course.Counting.BEST ? "another submission scored higher" : "a later submission counts");
            String earlier = j.runs().stream().filter(g -> g.status == Grading.Status.DONE && g != j.result())
                    .map(g -> format(g.score) + " (v" + g.exercise.version + ")").collect(Collectors.joining(", "));
            return new Gradebook.SubmissionLine(student.username, student.fullName(), student.email, student.sisId,
                    enrolment.section, column.exercise(), s.exercise.version, s.id, s.submittedAt,
                    latest == null ? "QUEUED" : latest.status.name(),
                    j.result() == null ? null : j.result().score, j.result() == null ? null : j.result().maxScore,
                    j.result() == null ? null : j.result().exercise.version,
                    policy.daysLate(s.submittedAt), j.penalty(),
                    j.points(), j == chosen, note, earlier);
        }).toList();
    }

    static double round(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    static String format(Double value) {
        if (value == null) {
            return "";
        }
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
