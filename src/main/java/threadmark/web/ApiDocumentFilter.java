package threadmark.web;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Paths;

import java.util.List;
import java.util.Set;

/**
 * Keeps the OpenAPI document (/q/openapi) to the JSON API: the pages' resources (HTML forms, downloads for the
 * browser, LTI launches) are JAX-RS classes too, but no client should build on them.
 */
public class ApiDocumentFilter implements OASFilter {

    /** Besides {@code /api/...}: the public key set LMS platforms fetch. */
    static final Set<String> OTHER_API_PATHS = Set.of("/.well-known/jwks.json");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Paths paths = openAPI.getPaths();
        if (paths == null || paths.getPathItems() == null) {
            return;
        }
        for (String path : List.copyOf(paths.getPathItems().keySet())) {
            if (!isApi(path)) {
                paths.removePathItem(path);
            }
        }
    }

    static boolean isApi(String path) {
        return path.startsWith("/api/") || OTHER_API_PATHS.contains(path);
    }
}
