package threadmark.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.ZoneId;
import java.util.List;

/**
 * The time-zone switch. Pages show times in the browser's zone, which the page script sends in a cookie; a reader
 * may choose another one here (kept until they go back to the browser's), as they choose a language.
 */
@Path("/zone")
@PermitAll
public class ZonePage {

    /** Remembers that the zone was chosen here, so the page script leaves it alone. */
    static final String CHOSEN_COOKIE = "tz-chosen";
    private static final String BROWSER = "browser";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance zone(PageFrame frame, List<String> zones, String back);
    }

    @Inject
    PageContext page;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response choose(@QueryParam("id") String id, @QueryParam("back") String back) {
        if (id == null || id.isBlank()) {
            List<String> zones = ZoneId.getAvailableZoneIds().stream().filter(z -> z.contains("/") && !z.startsWith("Etc/")
                    && !z.startsWith("SystemV/")).sorted().toList();
            return Response.ok(Templates.zone(page.frame(), zones, LanguageResource.localPath(back))
                    .setLocale(page.locale()).render(), MediaType.TEXT_HTML_TYPE).build();
        }
        URI to = URI.create(LanguageResource.localPath(back));
        if (id.equals(BROWSER)) {
            return Response.seeOther(to).cookie(cookie(Dates.COOKIE, "", 0), cookie(CHOSEN_COOKIE, "", 0)).build();
        }
        if (!ZoneId.getAvailableZoneIds().contains(id) && !id.equals("UTC")) {
            return Response.status(400).type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("no time zone '" + id + "': choose one such as Europe/Berlin or America/New_York").build();
        }
        int year = 365 * 24 * 3600;
        return Response.seeOther(to).cookie(cookie(Dates.COOKIE, id, year), cookie(CHOSEN_COOKIE, "1", year)).build();
    }

    private static NewCookie cookie(String name, String value, int maxAge) {
        return new NewCookie.Builder(name).value(value).path("/").maxAge(maxAge).sameSite(NewCookie.SameSite.LAX).build();
    }
}
