package threadmark.course;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When an assigned exercise opens and is due, what lateness costs, and how many submissions it takes (at most
 * {@code maxSubmissions}; after {@code freeSubmissions}, each costs {@code attemptPenalty} percent), and whether its
 * students read the hidden tests once it has ended; every field may be left out.
 */
public record AssignmentChange(
        Instant releaseAt,
        Instant dueAt,
        @DecimalMin("0") @DecimalMax("100") Double latePenaltyPerDay,
        Instant cutoffAt,
        @Size(max = 100) String lmsId,
        Integer position,
        @Min(1) Integer maxSubmissions,
        @Min(0) Integer freeSubmissions,
        @DecimalMin("0") @DecimalMax("100") Double attemptPenalty,
        Boolean revealHiddenTests) {

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
        if (maxSubmissions != null && freeSubmissions != null && freeSubmissions > maxSubmissions) {
            problems.add("more free submissions (" + freeSubmissions + ") than submissions allowed (" + maxSubmissions
                    + ")");
        }
        if (Boolean.TRUE.equals(revealHiddenTests) && dueAt == null) {
            problems.add("hidden tests are revealed once the assignment has ended: it needs a deadline");
        }
        if (attemptPenalty != null && attemptPenalty > 0 && freeSubmissions == null) {
            problems.add("a penalty per extra submission needs the number of free submissions before it");
        }
        return problems;
    }
}
