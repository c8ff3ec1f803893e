package threadmark.harness;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import threadmark.harness.internal.BadJobException;
import threadmark.harness.internal.Harness;
import threadmark.harness.internal.Job;
import threadmark.harness.internal.JobReader;
import threadmark.harness.internal.TrainingJob;
import threadmark.harness.internal.WarmUp;

/** Entry point of the grading harness inside the sandbox container: job on stdin, signed results on stdout. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("--train")) {
            // The sandbox image build runs this under -XX:AOTCacheOutput and logs what it printed if it fails.
            new Harness(TrainingJob.create(), new FileOutputStream(FileDescriptor.out)).run();
            return;
        }
        // Taken before System.out is replaced, and before any student class exists to replace it first.
        FileOutputStream realStdout = new FileOutputStream(FileDescriptor.out);
        Job job;
        // Straight from fd 0, not through System.in's buffer: that would keep a copy of the secret on the heap,
        // which student code can dump (see OffHeapHmac).
        try (FileInputStream stdin = new FileInputStream(FileDescriptor.in)) {
            if (stdin.available() == 0) {
                // A container started ahead of its job (or one whose job is still on its way): use the wait.
                WarmUp.run(() -> {
                    try {
                        return stdin.available() > 0;
                    } catch (IOException e) {
                        return true;
                    }
                });
            }
            job = JobReader.read(stdin);
            System.in.close();
        } catch (BadJobException | IOException e) {
            System.err.println("threadmark harness: bad job on stdin: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.setIn(InputStream.nullInputStream());
        new Harness(job, realStdout).run();
    }
}
