-- A change of an exercise folder that was not published: its format was wrong, or a solution did not do in the
-- sandbox what the folder says of it. The previous version stays live; staff see why on the exercises page. One row
-- per exercise (the latest refused content); a refusal stands until the folder changes again, except one the
-- machine was too busy to judge (judged = false), which is tried again after retry_after.
create table exercise_refusal (
    slug         varchar(100) primary key,
    content_hash varchar(64)  not null,
    problems     jsonb        not null,
    judged       boolean      not null,
    refused_at   timestamptz  not null default now(),
    retry_after  timestamptz
);
