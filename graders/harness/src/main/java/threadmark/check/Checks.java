package threadmark.check;

/**
 * Home of the static concurrency checks that hidden tests call; empty until those checks are written. It exists
 * now because a module can only export a package that contains a type.
 */
public final class Checks {
    private Checks() {
    }
}
