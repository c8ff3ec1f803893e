/**
 * Reusable concurrency checks that hidden tests call, each failing with words a student can act on. This is
 * the only package of the harness that tests and student code may use.
 * <ul>
 *   <li>{@link threadmark.check.Contention} and {@link threadmark.check.StartLine}: stress shared state so a lost
 *   update or a check-then-act race shows up on every run.</li>
 *   <li>{@link threadmark.check.Liveness}: run work to completion, or report the deadlock cycle or hung threads.</li>
 *   <li>{@link threadmark.check.CallRecorder} and {@link threadmark.check.ThreadCensus}: pool use (calls in
 *   flight, distinct threads, threads started and left running, the common pool blocked).</li>
 *   <li>{@link threadmark.check.BusyWait}: CPU burnt while threads should be blocked; {@code watch()} measures a
 *   call the test makes itself, so the student's code cannot see on its stack that it is measured.</li>
 *   <li>{@link threadmark.check.ThreadStates}: where a thread is (running or waiting, on what, at which line).</li>
 *   <li>{@link threadmark.check.Speedup} and {@link threadmark.check.Reference}: the student's parallel code timed
 *   beside the exercise's reference solution, on fresh inputs, with CPU time as evidence.</li>
 * </ul>
 */
package threadmark.check;
