package threadmark.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The interface's words in English; messages/msg_ru.properties holds the Russian ones. Templates use {msg:key}. */
@MessageBundle
public interface AppMessages {

    @Message("Skip to content") String skip_to_content();
    @Message("Main") String nav_label();
    @Message("Exercises") String nav_exercises();
    @Message("staff") String role_staff();
    @Message("All submissions") String nav_staff();
    @Message("Latest submissions of every student") String recent_title();
    @Message("Student") String student();
    @Message("Upload an exercise") String upload_title();
    @Message("Zip the exercise folder (exercise.yaml, prompt.md, starter/, tests/, solutions/) and upload it. It is checked and every solution is graded in the sandbox first: references must score 100% and known-bad solutions must lose points. A new version of an existing upload keeps old submissions on the version they were graded against.") String upload_intro();
    @Message("Exercise zip") String upload_file();
    @Message("Check and publish") String upload_submit();
    @Message("Published {slug} as version {version}.") String upload_published(String slug, Integer version);
    @Message("{slug} was not published.") String upload_refused(String slug);
    @Message("Open it as a student sees it") String upload_open();
    @Message("Solution") String upload_solution();
    @Message("Verdict") String upload_verdict();
    @Message("reference") String upload_reference();
    @Message("Upload an exercise") String nav_upload();
    @Message("{students} students, {submissions} submissions") String insight_counts(long students, long submissions);
    @Message("Tests that fail most often (latest grading of each submission)") String insight_failing();
    @Message("Failed") String insight_failed();
    @Message("Submissions") String insight_submissions();
    @Message("Status") String insight_status();
    @Message("any") String insight_any();
    @Message("Minimum score") String insight_min_score();
    @Message("Filter") String insight_filter();
    @Message("Exercise") String exercise();
    @Message("Log out") String logout();
    @Message("Threadmark grades concurrent Java in a locked-down sandbox. Hidden tests run beside your code; their sources stay hidden.") String footer();

    @Message("Log in") String login_title();
    @Message("Wrong user name or password.") String login_failed();
    @Message("User name") String login_username();
    @Message("Password") String login_password();
    @Message("Log in") String login_submit();

    @Message("Not yours to open") String error_403();
    @Message("Not found") String error_404();
    @Message("Too many submissions") String error_429();
    @Message("Error {status}") String error_other(int status);
    @Message("Back to the course") String back_to_course();

    @Message("Concurrency in Java") String course_title();
    @Message("Threads, locks, queues, pools, processes, async and virtual threads, in the order of the course. Java has no GIL: threads really do run Python's CPU-bound work in parallel here.") String course_intro();
    @Message("Best score") String best_score();
    @Message("not tried yet") String not_tried();
    @Message("Deadline") String deadline();
    @Message("no deadline") String no_deadline();
    @Message("{points} points") String max_points(String points);
    @Message("passed: submissions now count as late") String deadline_passed();
    @Message("opens {date}") String opens_on(String date);
    @Message("This exercise opens for submissions on {date}.") String not_open_yet(String date);
    @Message("Late: −{percent}% per started day") String late_policy(String percent);
    @Message("nothing counts after {date}") String cutoff(String date);
    @Message("You are course staff: your submissions are graded like a student's but never count in a gradebook.") String practice_note();
    @Message("practice") String practice();

    @Message("Tests") String tests_heading();
    @Message("Test") String test();
    @Message("What it checks") String property();
    @Message("Points") String points();
    @Message("visible") String visible();
    @Message("hidden") String hidden();
    @Message("Source of the visible test {name}") String visible_test_source(String name);

    @Message("Your solution") String your_solution();
    @Message("Loaded from submission {id}.") String loaded_from(Long id);
    @Message("Back to the starter code") String back_to_starter();
    @Message("Tab indents inside the editor; press Esc, then Tab, to move on to the next control.") String editor_help();
    @Message("At most {kb} KB per submission and {count} submissions per {seconds} s.") String limits(int kb, int count, long seconds);
    @Message("The deadline has passed: this submission will be marked late.") String late_warning();
    @Message("Submit for grading") String submit();

    @Message("Your submissions") String history();
    @Message("No submissions yet.") String no_submissions();
    @Message("Your scores over time, oldest first") String chart_label();
    @Message("Submitted") String submitted();
    @Message("Score") String score();
    @Message("Actions") String actions();
    @Message("late") String late();
    @Message("grading failed") String status_error();
    @Message("grading…") String grading();
    @Message("Load into the editor") String load_into_editor();

    @Message("Submission {id}") String result_title(long id);
    @Message("exercise version {version}") String version(int version);
    @Message("Waiting in the queue…") String status_queued();
    @Message("In the queue: # submissions ahead of yours…") String status_queued_ahead();
    @Message("In the queue: {ahead} submissions ahead of yours…") String status_queued_ahead_n(Long ahead);
    @Message("Compiling and running the tests…") String status_running();
    @Message("Graded. Loading the result…") String status_done();
    @Message("Lost contact with the server; reload the page to see the result.") String status_lost();
    @Message("Reload to see whether it is graded") String refresh();

    @Message("Your code did not compile: the errors below say where.") String outcome_compile();
    @Message("The tests ran out of time: look for a hang, a deadlock or a thread that never ends.") String outcome_timeout();
    @Message("The tests ran out of memory.") String outcome_memory();
    @Message("Your code ended the test run early (System.exit, halt or a crash).") String outcome_ended();
    @Message("Full marks: every property holds.") String outcome_full();
    @Message("Some properties do not hold yet: each failed test below says what went wrong.") String outcome_partial();
    @Message("Compile errors") String compile_errors();
    @Message("passed") String passed();
    @Message("failed") String failed();
    @Message("not judged") String aborted();
    @Message("did not run") String missing();
    @Message("Output") String output();
    @Message("The code you submitted") String submitted_code();

    @Message("Courses") String courses_title();
    @Message("No courses yet: create the first one below.") String courses_none();
    @Message("New course") String courses_new();
    @Message("Create the course") String courses_create();
    @Message("Title") String course_name();
    @Message("Short name (in links and file names)") String course_slug();
    @Message("Which submission counts") String course_counting();
    @Message("the best score") String course_counting_best();
    @Message("the last graded one") String course_counting_last();
    @Message("New accounts") String course_new_accounts();
    @Message("These passwords are shown only now: hand them to the students, who can then log in.") String course_new_accounts_hint();
    @Message("Password") String course_password();
    @Message("Gradebook") String course_gradebook();
    @Message("Download for Canvas (CSV)") String course_download_canvas();
    @Message("Download for Moodle (CSV)") String course_download_moodle();
    @Message("Every submission (CSV)") String course_download_detailed();
    @Message("Section") String course_section();
    @Message("Total") String course_total();
    @Message("Assignments") String course_assignments();
    @Message("Dates are in UTC. A late penalty takes that percentage off for every started day after the deadline; nothing sent after the cut-off counts.") String course_dates_utc();
    @Message("Exercise") String course_exercise();
    @Message("Opens") String course_opens();
    @Message("Late penalty") String course_penalty();
    @Message("Late penalty, % per day") String course_penalty_field();
    @Message("day") String course_day();
    @Message("Cut-off") String course_cutoff();
    @Message("Assignment id in the LMS (optional; Canvas matches the column by it)") String course_lms_id();
    @Message("Remove") String course_remove();
    @Message("Assign or change") String course_assign();
    @Message("Students") String course_students();
    @Message("Username") String course_username();
    @Message("Name as the LMS shows it") String course_display_name();
    @Message("Enrol") String course_enrol();
    @Message("Roster (CSV)") String course_roster();
    @Message("A header row naming username and any of email, sis_id, display_name, section, password. New students get an account; if any line is wrong, nobody is enrolled and every problem is listed.") String course_roster_hint();
    @Message("Import the roster") String course_import();
    @Message("Settings") String course_settings();
    @Message("Save") String course_save();
    @Message("Courses") String nav_courses();
    @Message("Regrade") String regrade();
    @Message("Regrade this student's submissions") String regrade_student();
    @Message("Regrade every submission to this exercise") String regrade_all();
    @Message("{count} submissions queued for regrading against the current version.") String regrade_queued(int count);
    @Message("Or an exercise folder already on the server, under {root}") String upload_folder(String root);
    @Message("Check and publish the folder") String upload_folder_submit();
    @Message("regraded against version {version}") String regraded_against(int version);
    @Message("Earlier grading (version {version})") String earlier_grading(int version);
    @Message("About # s to go.") String status_wait();
    @Message("About {seconds} s to go.") String status_wait_n(Long seconds);
}
