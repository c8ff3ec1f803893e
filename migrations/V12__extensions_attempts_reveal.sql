-- A later deadline for one student on one assignment; its cut-off, when the assignment has one, moves with it unless
-- given.
create table assignment_extension (
    id            bigserial   primary key,
    assignment_id bigint      not null references assignment (id) on delete cascade,
    user_id       bigint      not null references app_user (id),
    due_at        timestamptz not null,
    cutoff_at     timestamptz,
    granted_by_id bigint      references app_user (id) on delete set null,
    granted_at    timestamptz not null default now(),
    unique (assignment_id, user_id),
    check (cutoff_at is null or cutoff_at >= due_at)
);

-- An attempt policy per assignment: at most max_submissions submissions per student (null: no limit); after
-- free_submissions (null: all free), each further one costs attempt_penalty percent of its score.
alter table assignment add column max_submissions integer check (max_submissions is null or max_submissions > 0);
alter table assignment add column free_submissions integer check (free_submissions is null or free_submissions >= 0);
alter table assignment add column attempt_penalty double precision not null default 0
    check (attempt_penalty between 0 and 100);

-- Optionally, once no submission to it can count any more (after the cut-off, or the deadline when there is none),
-- an assignment shows its students the hidden tests' sources and what they printed. The sources are kept per version
-- from now on; versions published before keep none to show.
alter table assignment add column reveal_hidden_tests boolean not null default false;
alter table exercise add column hidden_tests jsonb;
