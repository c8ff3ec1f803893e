package threadmark.lti;

/** An LTI login or launch refused: 400, 401 or 403, with one sentence a person can act on. Nothing was kept. */
public class LaunchRefusal extends RuntimeException {

    public final int status;

    public LaunchRefusal(int status, String sentence) {
        super(sentence, null, false, false);
        this.status = status;
    }

    public static LaunchRefusal unauthorized(String sentence) {
        return new LaunchRefusal(401, sentence);
    }

    public static LaunchRefusal forbidden(String sentence) {
        return new LaunchRefusal(403, sentence);
    }
}
