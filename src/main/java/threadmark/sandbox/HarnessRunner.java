package threadmark.sandbox;

/** Runs the grading harness for one request and reports what it did; the sandbox is the only one that grades. */
public interface HarnessRunner {

    SandboxRun run(SandboxRequest request);
}
