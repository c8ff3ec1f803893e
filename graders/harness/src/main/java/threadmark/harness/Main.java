package threadmark.harness;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import threadmark.harness.internal.BadJobException;
import threadmark.harness.internal.Harness;
import threadmark.harness.internal.Job;
import threadmark.harness.internal.JobReader;
import threadmark.harness.internal.TrainingJob;

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
        try {
            job = JobReader.read(System.in);
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
