package threadmark.lti;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Threadmark's own RS256 keys as an LTI tool: made on first use, rotated on demand, published as a key set, and used
 * to sign what we send to platforms (deep linking responses, client assertions). Private keys stay in the database.
 */
@ApplicationScoped
public class ToolKeys {

    private static final int KEY_BITS = 2048;

    @Inject
    LtiConfig config;

    @Inject
    EntityManager entities;

    /** The key that signs now, made if there is none. */
    public ToolKey signing() {
        return QuarkusTransaction.joiningExisting().call(() -> ToolKey.signing().orElseGet(this::makeLocked));
    }

    /** Makes a new signing key and retires the others; they stay published for the configured grace period. */
    @Transactional
    public ToolKey rotate() {
        lock();
        Instant now = Instant.now();
        ToolKey.update("retiredAt = ?1 where retiredAt is null", now);
        return make();
    }

    /** Our public keys, as the JSON key set platforms fetch. */
    public String keySetJson() {
        signing();
        List<ToolKey> keys = QuarkusTransaction.joiningExisting()
                .call(() -> ToolKey.published(Instant.now().minus(config.retiredKeyGrace())));
        try {
            JsonWebKeySet set = new JsonWebKeySet();
            for (ToolKey key : keys) {
                set.addJsonWebKey(JsonWebKey.Factory.newJwk(key.publicKeyJwk));
            }
            return set.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (JoseException e) {
            throw new IllegalStateException("a stored public key does not parse", e);
        }
    }

    /** Signs the claims with the current key (RS256, its kid in the header) into a compact JWT. */
    public String sign(JwtClaims claims) {
        ToolKey key = signing();
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(privateKey(key));
            jws.setKeyIdHeaderValue(key.kid);
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setHeader("typ", "JWT");
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("signing with key " + key.kid + " failed", e);
        }
    }

    private ToolKey makeLocked() {
        lock();
        return ToolKey.signing().orElseGet(this::make);
    }

    /** Two server processes starting at once must not both make the first key (both would be fine, one is tidier). */
    private void lock() {
        entities.createNativeQuery("select pg_advisory_xact_lock(hashtext('lti_tool_key'))").getSingleResult();
    }

    private ToolKey make() {
        try {
            RsaJsonWebKey jwk = RsaJwkGenerator.generateJwk(KEY_BITS);
            jwk.setKeyId(UUID.randomUUID().toString());
            jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            jwk.setUse("sig");
            ToolKey key = new ToolKey();
            key.kid = jwk.getKeyId();
            key.privateKeyPkcs8 = Base64.getEncoder().encodeToString(jwk.getPrivateKey().getEncoded());
            key.publicKeyJwk = jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
            key.persist();
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException("could not make an RSA key", e);
        }
    }

    private static PrivateKey privateKey(ToolKey key) {
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(key.privateKeyPkcs8)));
        } catch (Exception e) {
            throw new IllegalStateException("stored private key " + key.kid + " does not parse", e);
        }
    }

    /** The public half of a stored key, e.g. for tests that check what we signed. */
    static PublicJsonWebKey publicKey(ToolKey key) throws JoseException {
        return PublicJsonWebKey.Factory.newPublicJwk(key.publicKeyJwk);
    }
}
