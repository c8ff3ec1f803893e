package threadmark.lti;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Row counts of every table a launch may write, to show that a refused one wrote nothing. */
final class LtiRows {

    static final List<String> TABLES = List.of("app_user", "external_identity", "user_session", "course",
            "course_staff", "enrolment", "assignment", "lti_context", "lti_resource_link", "lti_used_nonce",
            "lti_login_state", "lti_deep_link_request");

    private LtiRows() {
    }

    static Map<String, Long> count(EntityManager entities) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : TABLES) {
                counts.put(table, ((Number) entities.createNativeQuery("select count(*) from " + table)
                        .getSingleResult()).longValue());
            }
            return counts;
        });
    }

    /** The tables whose count changed, with the change. */
    static Map<String, Long> change(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> changed = new LinkedHashMap<>();
        before.forEach((table, n) -> {
            long delta = after.get(table) - n;
            if (delta != 0) {
                changed.put(table, delta);
            }
        });
        return changed;
    }
}
