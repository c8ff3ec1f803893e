package threadmark.lti;

import io.restassured.http.ContentType;
import threadmark.lti.platform.TestPlatform;
import threadmark.testing.Api;

import java.net.URL;

/** Test platforms registered in the running Threadmark through its admin API, as an admin would. */
final class LtiTestPlatforms {

    private LtiTestPlatforms() {
    }

    static TestPlatform registered(URL tool) {
        TestPlatform platform = TestPlatform.start(tool.toString());
        Api.instructor().contentType(ContentType.JSON).body(platform.registration())
                .post("/api/lti/platforms").then().statusCode(201);
        return platform;
    }
}
