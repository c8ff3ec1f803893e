-- The wait estimate shown to queued students counts gradings finished in the last minutes, on every status poll.
create index grading_finished on grading (finished_at) where status = 'DONE';
