-- Who may see an exercise (all its versions), apart from the courses that assign it. visibility: LISTED (students of
-- a course that assigns it, and everyone when practice is on), HIDDEN (staff only, for now), ARCHIVED (staff only, and
-- no new submissions from anyone; every submission and grade stays). practice: open to every logged-in user.
create table exercise_listing (
    slug        varchar(100) primary key,
    visibility  varchar(16)  not null default 'LISTED' check (visibility in ('LISTED', 'HIDDEN', 'ARCHIVED')),
    practice    boolean      not null default false,
    changed_at  timestamptz  not null default now(),
    changed_by_id bigint     references app_user (id) on delete set null
);

-- Before courses came first, every exercise was open to everyone: those no course assigns stay open, for practice.
insert into exercise_listing (slug, practice)
select distinct e.slug, not exists (select 1 from assignment a where a.exercise_slug = e.slug)
from exercise e;

-- A new version of an exercise that is live lands as a draft: staff preview and try it, then publish it (or any
-- earlier version again). is_current marks the one version students get; a draft is never current.
alter table exercise add column draft boolean not null default false;
alter table exercise add constraint exercise_draft_not_current check (not (draft and is_current));
