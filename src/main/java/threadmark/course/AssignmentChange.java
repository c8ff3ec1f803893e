package threadmark.course;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** When an assigned exercise opens and is due, and what lateness costs; every field may be left out. */
public record AssignmentChange(
        Instant releaseAt,
        Instant dueAt,
        @DecimalMin("0") @DecimalMax("100") Double latePenaltyPerDay,
        Instant cutoffAt,
        @Size(max = 100) String lmsId,
        Integer position) {

    /** What is wrong with these dates taken together, in words an instructor can fix. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (cutoffAt != null && dueAt == null) {
            problems.add("a cut-off needs a deadline before it");
        }
        if (cutoffAt != null && dueAt != null && cutoffAt.isBefore(dueAt)) {
            problems.add("the cut-off (" + cutoffAt + ") is before the deadline (" + dueAt + ")");
        }
        if (releaseAt != null && dueAt != null && releaseAt.isAfter(dueAt)) {
            problems.add("the exercise opens (" + releaseAt + ") after it is due (" + dueAt + ")");
        }
        if (latePenaltyPerDay != null && latePenaltyPerDay > 0 && dueAt == null) {
            problems.add("a late penalty needs a deadline");
        }
        return problems;
    }
}
