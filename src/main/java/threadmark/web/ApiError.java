package threadmark.web;

/** The JSON body of every API error: a sentence saying what went wrong and, where it helps, what to do. */
public record ApiError(int status, String error) {
}
