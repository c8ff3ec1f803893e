package threadmark.lti;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.logging.Log;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import threadmark.user.ExternalLogin;
import threadmark.user.User;
import threadmark.web.Languages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The two LTI 1.3 endpoints an LMS sends browsers to: the OIDC login initiation ({@code /lti/login}, GET or POST) and
 * the launch ({@code /lti/launch}, the platform's form_post of id_token and state). Plain routes, not REST resources:
 * they are posted from the LMS's site by design and carry no CSRF token; the state, nonce and platform signature they
 * are checked by protect them instead. Every refusal is a small page with one sentence, and nothing is kept.
 */
@ApplicationScoped
public class LaunchRoutes {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance refused(String lang, String sentence);
    }

    @Inject
    LtiLogins logins;

    @Inject
    LaunchValidator validator;

    @Inject
    LaunchProvisioning provisioning;

    @Inject
    RosterSync rosters;

    @Inject
    ExternalLogin externalLogin;

    @Inject
    LtiConfig config;

    void install(@Observes Router router) {
        BodyHandler forms = BodyHandler.create(false).setBodyLimit(64 * 1024);
        router.route(HttpMethod.GET, "/lti/login").blockingHandler(rc -> inRequest(rc, this::login), false);
        router.route(HttpMethod.POST, "/lti/login").handler(forms)
                .blockingHandler(rc -> inRequest(rc, this::login), false);
        router.route(HttpMethod.POST, "/lti/launch").handler(forms)
                .blockingHandler(rc -> inRequest(rc, this::launch), false);
    }

    private void login(RoutingContext rc) {
        MultiMap p = params(rc);
        String redirect = logins.initiate(new LtiLogins.Initiation(p.get("iss"), p.get("login_hint"),
                p.get("target_link_uri"), p.get("lti_message_hint"), p.get("client_id"), p.get("lti_deployment_id")),
                ToolUrls.of(config, rc.request()));
        rc.response().setStatusCode(302).putHeader("Location", redirect).end();
    }

    private void launch(RoutingContext rc) {
        MultiMap form = rc.request().formAttributes();
        if (form.get("error") != null) {
            // OIDC core 3.1.2.6: the platform answered the authentication request with an error instead.
            throw LaunchRefusal.unauthorized("The LMS refused the login (" + form.get("error")
                    + (form.get("error_description") == null ? "" : ": " + form.get("error_description")) + ").");
        }
        LoginState login = logins.take(form.get("state"));
        ToolUrls urls = ToolUrls.of(config, rc.request());
        Launch launch = validator.validate(form.get("id_token"), login, login.platform, urls.base());
        LaunchProvisioning.Landing landing = provisioning.provision(launch);
        User user = User.findById(landing.userId());
        externalLogin.logIn(user, rc);
        rosters.syncAfterLaunch(landing.contextId());
        String target = landing.deepLinkRequestId() != null
                ? "/staff/lti/deep-links/" + landing.deepLinkRequestId()
                : "/exercises/" + URLEncoder.encode(landing.exerciseSlug(), StandardCharsets.UTF_8);
        Log.infof("LTI launch of %s by %s (%s) to %s", launch.issuer(), user.username, launch.standing(), target);
        rc.response().setStatusCode(303).putHeader("Location", target).end();
    }

    private static MultiMap params(RoutingContext rc) {
        MultiMap all = MultiMap.caseInsensitiveMultiMap();
        all.addAll(rc.queryParams());
        if (rc.request().method() == HttpMethod.POST) {
            all.addAll(rc.request().formAttributes());
        }
        return all;
    }

    /** Panache reads outside a transaction need a request context, which plain routes do not start. */
    private void inRequest(RoutingContext rc, java.util.function.Consumer<RoutingContext> handler) {
        ManagedContext context = Arc.container().requestContext();
        boolean started = !context.isActive();
        if (started) {
            context.activate();
        }
        try {
            handler.accept(rc);
        } catch (LaunchRefusal refusal) {
            Log.infof("LTI %s refused (%d): %s", rc.normalizedPath(), refusal.status, refusal.getMessage());
            refuse(rc, refusal.status, refusal.getMessage());
        } catch (RuntimeException e) {
            Log.errorf(e, "LTI %s failed", rc.normalizedPath());
            refuse(rc, 500, "Threadmark failed to open this activity; the administrators can find why in its log.");
        } finally {
            if (started) {
                context.terminate();
            }
        }
    }

    private static void refuse(RoutingContext rc, int status, String sentence) {
        if (rc.response().ended()) {
            return;
        }
        String lang = Languages.of(rc.request()).getLanguage();
        String page = Templates.refused(lang, sentence).setLocale(Languages.of(rc.request())).render();
        rc.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=UTF-8").end(page);
    }
}
