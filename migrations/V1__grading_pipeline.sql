-- Users: minimal here; accounts proper come with the student pages.
create table app_user (
    id            bigserial primary key,
    username      varchar(100) not null unique,
    password_hash varchar(100) not null,
    role          varchar(20)  not null check (role in ('STUDENT', 'INSTRUCTOR', 'ADMIN')),
    display_name  varchar(200),
    email         varchar(320),
    created_at    timestamptz  not null default now()
);

-- One row per published version of an exercise folder. Workers grade from this row alone
-- (definition and compiled hidden tests), so a worker needs no exercise files on its disk.
create table exercise (
    id              bigserial primary key,
    slug            varchar(100)  not null,
    version         integer       not null,
    content_hash    varchar(64)   not null,
    title           varchar(300)  not null,
    position        integer       not null default 0,
    prompt_markdown text          not null,
    definition      jsonb         not null,
    starter_files   jsonb         not null,
    visible_tests   jsonb         not null,
    test_bundle     bytea         not null,
    is_current      boolean       not null default true,
    created_at      timestamptz   not null default now(),
    unique (slug, version)
);
create unique index exercise_current_slug on exercise (slug) where is_current;

create table submission (
    id           bigserial primary key,
    user_id      bigint      not null references app_user (id),
    exercise_id  bigint      not null references exercise (id),
    files        jsonb       not null,
    submitted_at timestamptz not null default now()
);
create index submission_user on submission (user_id, exercise_id);

-- A grading is one run of a submission's tests; it doubles as the durable job queue.
create table grading (
    id               bigserial primary key,
    submission_id    bigint       not null references submission (id),
    status           varchar(10)  not null check (status in ('QUEUED', 'RUNNING', 'DONE', 'ERROR')),
    queued_at        timestamptz  not null default now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    attempts         integer      not null default 0,
    lease_owner      varchar(200),
    lease_expires_at timestamptz,
    outcome          varchar(30),
    summary          text,
    score            double precision,
    max_score        double precision,
    compile_errors   jsonb,
    output           text,
    timings          jsonb
);
create index grading_submission on grading (submission_id);
create index grading_queue on grading (id) where status in ('QUEUED', 'RUNNING');

create table test_result (
    id              bigserial primary key,
    grading_id      bigint           not null references grading (id) on delete cascade,
    test_id         varchar(500)     not null,
    display_name    varchar(500)     not null,
    status          varchar(10)      not null check (status in ('PASSED', 'FAILED', 'ABORTED', 'MISSING')),
    points          double precision not null,
    max_points      double precision not null,
    visible         boolean          not null,
    message         text,
    output          text,
    duration_millis bigint
);
create index test_result_grading on test_result (grading_id);
