-- Every change of a grading that a live result page shows is announced on channel grading_changed, whoever made it
-- (a worker of any process, a regrade, a crash recovery): pages wait for these instead of polling the database.
-- Payload "<submission id>,<q>": q is 1 when the change moved the queue (a grading entered or left QUEUED), so
-- pages of other queued submissions see their position change. Lease renewals announce nothing.
create function grading_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('grading_changed', new.submission_id || ',' ||
        case when new.status = 'QUEUED' or (tg_op = 'UPDATE' and old.status = 'QUEUED') then '1' else '0' end);
    return null;
end
$$;

create trigger grading_inserted after insert on grading
    for each row execute function grading_changed();

create trigger grading_updated after update on grading
    for each row
    when (old.status is distinct from new.status
          or old.started_at is distinct from new.started_at
          or old.score is distinct from new.score
          or old.remeasure_at is distinct from new.remeasure_at)
    execute function grading_changed();
