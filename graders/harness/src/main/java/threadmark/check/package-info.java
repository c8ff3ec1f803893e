/**
 * Reusable concurrency checks that hidden tests call (to be filled in by a later issue). This is the only package of
 * the harness that tests and student code may use.
 */
package threadmark.check;
