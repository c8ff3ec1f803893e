-- A grading that a busy machine could not measure fairly waits (WAITING) with its provisional result until
-- remeasure_at, then is claimed again; remeasures counts its busy runs and first_unmeasured_at bounds the wait.
-- Such runs are not platform faults: they do not use up attempts.
alter table grading drop constraint grading_status_check;
alter table grading add constraint grading_status_check
    check (status in ('QUEUED', 'RUNNING', 'WAITING', 'DONE', 'ERROR'));
alter table grading add column remeasures integer not null default 0;
alter table grading add column remeasure_at timestamptz;
alter table grading add column first_unmeasured_at timestamptz;
create index grading_waiting on grading (remeasure_at) where status = 'WAITING';

alter table test_result drop constraint test_result_status_check;
alter table test_result add constraint test_result_status_check
    check (status in ('PASSED', 'FAILED', 'ABORTED', 'MISSING', 'UNMEASURED'));
