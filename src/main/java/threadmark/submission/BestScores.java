package threadmark.submission;

import threadmark.user.User;

import java.util.HashMap;
import java.util.Map;

/** A read model over the gradings: how far a student got in each exercise, for the pages that list them. */
public final class BestScores {

    private BestScores() {
    }

    /**
     * Each exercise's best score among the user's submissions, by slug. A submission scores what its latest
     * finished run gave it, so a regrade that lowers a score is not hidden by the run it replaced.
     */
    public static Map<String, Double> of(User user) {
        Map<String, Double> best = new HashMap<>();
        Grading.getEntityManager().createQuery("select s.exercise.slug, max(g.score) from Grading g join g.submission s "
                        + "where s.user = ?1 and g.status = ?2 and g.id = (select max(g2.id) from Grading g2 "
                        + "where g2.submission = s and g2.status = ?2) group by s.exercise.slug", Object[].class)
                .setParameter(1, user).setParameter(2, Grading.Status.DONE)
                .getResultList()
                .forEach(row -> best.put((String) row[0], (Double) row[1]));
        return best;
    }
}
