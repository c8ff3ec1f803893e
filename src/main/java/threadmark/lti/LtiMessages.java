package threadmark.lti;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The LMS pages' words in English; messages/lti_ru.properties holds the Russian ones. Templates use {lti:key}. */
@MessageBundle("lti")
public interface LtiMessages {

    @Message("LMS: grades sent and roster") String outbox_title();
    @Message("grades sent to the LMS, roster") String outbox_link();
    @Message("Scores are sent to the LMS's gradebook whenever the score that counts changes; a score the LMS did not take is retried with growing pauses while it is down.") String outbox_intro();
    @Message("waiting") String status_pending();
    @Message("sent") String status_sent();
    @Message("failed") String status_failed();
    @Message("{pending} waiting, {sent} sent, {failed} failed") String outbox_counts(long pending, long sent, long failed);
    @Message("Nothing has been sent to an LMS for this course yet: it has no assignment linked from an LMS, or no score counts yet.") String outbox_empty();
    @Message("Student") String student();
    @Message("Assignment") String assignment();
    @Message("Score") String score();
    @Message("Status") String status();
    @Message("Attempts") String attempts();
    @Message("Last attempt") String last_attempt();
    @Message("Next attempt") String next_attempt();
    @Message("Sent") String sent_at();
    @Message("The LMS's answer") String answer();
    @Message("cleared") String cleared();
    @Message("Send again") String retry();
    @Message("Sent again: it goes out within seconds.") String retried();
    @Message("Roster") String roster_title();
    @Message("Read the course's members from the LMS (Names and Role Provisioning): learners are enrolled, instructors and assistants become course staff, members the LMS no longer lists are unenrolled (their submissions stay).") String roster_intro();
    @Message("Last read from the LMS: {when}") String roster_synced(String when);
    @Message("never read from the LMS yet") String roster_never();
    @Message("Sync the roster now") String roster_sync();
    @Message("Roster read: {listed} members listed, {enrolled} enrolled, {staff} staff, {unenrolled} unenrolled.") String roster_done(int listed, int enrolled, int staff, int unenrolled);
}
