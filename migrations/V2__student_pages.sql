-- Student pages: Russian prompts beside the English ones, late submissions, and the queries the pages run.
alter table exercise add column prompt_markdown_ru text;

alter table submission add column late boolean not null default false;
-- The rate limit counts a student's recent submissions on every submit.
create index submission_user_time on submission (user_id, submitted_at);

-- When an exercise is due, set by the course staff (not part of the exercise folder: the same exercise can be due
-- on different dates in different terms). Submissions after it are accepted and marked late.
create table deadline (
    exercise_slug varchar(100) primary key,
    due_at        timestamptz  not null,
    set_by_id     bigint       references app_user (id),
    set_at        timestamptz  not null default now()
);
