package threadmark.web;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/** The language switch: remembers the choice in a cookie and goes back to the page it came from. */
@Path("/language")
@PermitAll
public class LanguageResource {

    @GET
    @Path("/{lang}")
    public Response choose(@PathParam("lang") String lang, @QueryParam("back") String back) {
        if (Languages.supported(lang) == null) {
            throw new NotFoundException("no interface language '" + lang + "'; choose en or ru");
        }
        NewCookie cookie = new NewCookie.Builder(Languages.COOKIE).value(lang).path("/").maxAge(365 * 24 * 3600)
                .sameSite(NewCookie.SameSite.LAX).build();
        return Response.seeOther(URI.create(localPath(back))).cookie(cookie).build();
    }

    /** Only paths on this server, so the switch cannot be used to send people elsewhere. */
    static String localPath(String back) {
        if (back == null || !back.startsWith("/") || back.startsWith("//") || back.contains("\\")) {
            return "/exercises";
        }
        return back;
    }
}
