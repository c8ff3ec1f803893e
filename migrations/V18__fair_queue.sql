-- Per-student fairness on deadline night: a student's fifth submission waits behind everyone's first.
-- turn = how many earlier gradings of the same student (and the same priority: own submissions, or regrades) are still
-- waiting or running. Claims and queue places order by (priority, turn, id). Kept up to date by the triggers below,
-- whoever writes the grading (a submission, a regrade, a bulk insert), so the claim reads it from an index instead of
-- ranking every student's jobs per claim. Not mapped by Hibernate: an entity update must never write back a stale turn.
alter table grading add column student_id bigint references app_user (id);
alter table grading add column turn integer not null default 0;
-- The wait a queued student was shown when the submission was accepted, to be checked against what happened.
alter table grading add column estimated_wait_seconds bigint;

update grading g set student_id = s.user_id from submission s where s.id = g.submission_id;
update grading g set turn = r.turn
  from (select id, row_number() over (partition by student_id, priority order by id) - 1 as turn
          from grading where status in ('QUEUED', 'RUNNING', 'WAITING')) r
 where r.id = g.id;

-- The claim walks this index from its head: (priority, turn, id) is exactly the claim order. It holds the jobs a claim
-- may take (QUEUED, RUNNING with a lapsed lease, WAITING once due) and nothing finished.
drop index grading_queue;
create index grading_queue on grading (priority, turn, id) where status in ('QUEUED', 'RUNNING', 'WAITING');
-- A student's pending gradings, read when one is queued or finishes.
create index grading_student_pending on grading (student_id, priority, id) where status in ('QUEUED', 'RUNNING', 'WAITING');

create function grading_take_turn() returns trigger language plpgsql as $$
begin
    if new.student_id is null then
        select user_id into new.student_id from submission where id = new.submission_id;
    end if;
    if new.status in ('QUEUED', 'RUNNING', 'WAITING') then
        select count(*) into new.turn from grading
         where student_id = new.student_id and priority = new.priority and status in ('QUEUED', 'RUNNING', 'WAITING');
    end if;
    return new;
end
$$;

create trigger grading_take_turn before insert on grading
    for each row execute function grading_take_turn();

-- A grading that finishes moves its student's later pending gradings one turn forward. Every transaction that does
-- this holds its own finishing row and then locks later rows in id order, so two of one student's gradings finishing
-- at once wait for each other at most one way, never in a cycle (an unordered update deadlocked in the simulation).
create function grading_pass_turn() returns trigger language plpgsql as $$
begin
    update grading set turn = turn - 1
     where id in (select id from grading
                   where student_id = new.student_id and priority = new.priority and id > new.id and turn > 0
                     and status in ('QUEUED', 'RUNNING', 'WAITING')
                   order by id
                     for update)
       and turn > 0;
    return null;
end
$$;

create trigger grading_pass_turn after update on grading
    for each row
    when (old.status in ('QUEUED', 'RUNNING', 'WAITING') and new.status not in ('QUEUED', 'RUNNING', 'WAITING'))
    execute function grading_pass_turn();

-- A queued grading whose turn moved has moved in the queue: pages following a queued grading hear of it (q=1).
drop trigger grading_updated on grading;
create trigger grading_updated after update on grading
    for each row
    when (old.status is distinct from new.status
          or old.started_at is distinct from new.started_at
          or old.score is distinct from new.score
          or old.remeasure_at is distinct from new.remeasure_at
          or old.turn is distinct from new.turn)
    execute function grading_changed();

-- Every claim first fails the RUNNING jobs whose lease lapsed too often; without this index that read every grading
-- ever made (a sequential scan per claim, growing with the history). Only running jobs are in it.
create index grading_leases on grading (lease_expires_at) where status = 'RUNNING';
