package threadmark.grading;

import threadmark.sandbox.SandboxException;

/**
 * A grading whose measurement the machine could not support (a speedup test that did not get its CPUs): it says
 * nothing about the student's code and is run again, never scored.
 */
public final class InconclusiveRunException extends SandboxException {

    public InconclusiveRunException(String message) {
        super(message);
    }
}
