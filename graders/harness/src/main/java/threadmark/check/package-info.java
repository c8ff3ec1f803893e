/**
 * Reusable concurrency checks that hidden tests call, each failing with words a student can act on. This is
 * the only package of the harness that tests and student code may use.
 */
package threadmark.check;
