package threadmark.course;

/**
 * How many submissions an assignment takes from a student and what extra ones cost: at most {@code max} (null: no
 * limit); after {@code free} (null: all are free), each further one costs {@code penaltyPercent} of its score.
 */
public record AttemptPolicy(Integer max, Integer free, double penaltyPercent) {

    public static final AttemptPolicy NONE = new AttemptPolicy(null, null, 0);

    public boolean limited() {
        return max != null;
    }

    public boolean penalised() {
        return free != null && penaltyPercent > 0;
    }

    /** Whether a student who has sent {@code sent} submissions may send another. */
    public boolean allowsAnother(long sent) {
        return max == null || sent < max;
    }

    /** The percentage the {@code attempt}-th submission (1 for the first) loses for coming after the free ones. */
    public double penaltyFor(int attempt) {
        if (!penalised() || attempt <= free) {
            return 0;
        }
        return Math.min(100.0, (attempt - free) * penaltyPercent);
    }
}
