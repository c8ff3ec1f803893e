package threadmark.lti;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class ToolKeysTest {

    @Inject
    ToolKeys keys;

    @Test
    void whatWeSignIsCheckedByOurPublishedKeySetAlsoAfterARotation() throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("threadmark-client");
        claims.setAudience("https://lms.example/token");
        String before = keys.sign(claims);
        String kidBefore = keys.signing().kid;

        ToolKey rotated = keys.rotate();
        assertThat(rotated.kid).isNotEqualTo(kidBefore);
        String after = keys.sign(claims);

        JsonWebKeySet published = new JsonWebKeySet(keys.keySetJson());
        assertThat(published.getJsonWebKeys()).extracting(k -> k.getKeyId()).contains(kidBefore, rotated.kid);
        assertThat(keys.keySetJson()).as("only public halves").doesNotContain("\"d\"").doesNotContain("\"p\"");
        for (String jwt : new String[] {before, after}) {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setCompactSerialization(jwt);
            jws.setKey(new VerificationJwkSelector().select(jws, published.getJsonWebKeys()).getKey());
            assertThat(jws.verifySignature()).isTrue();
            assertThat(JwtClaims.parse(jws.getPayload()).getIssuer()).isEqualTo("threadmark-client");
        }
        assertThat(new JsonWebSignature() {{ setCompactSerialization(after); }}.getKeyIdHeaderValue())
                .isEqualTo(rotated.kid);

        // Past its grace period a retired key is no longer published.
        QuarkusTransaction.requiringNew().run(() -> ToolKey.update("retiredAt = ?1 where kid = ?2",
                Instant.now().minus(java.time.Duration.ofDays(30)), kidBefore));
        assertThat(new JsonWebKeySet(keys.keySetJson()).getJsonWebKeys()).extracting(k -> k.getKeyId())
                .doesNotContain(kidBefore).contains(rotated.kid);
    }
}
