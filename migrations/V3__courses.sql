-- Courses: enrolled students, assigned exercises with release date, deadline and late policy, and what an LMS
-- needs to match a student in an imported gradebook (email is already on app_user).
alter table app_user add column sis_id varchar(100);
create unique index app_user_sis_id on app_user (sis_id) where sis_id is not null;

create table course (
    id         bigserial primary key,
    slug       varchar(100) not null unique,
    title      varchar(300) not null,
    -- Which of a student's submissions counts for an assignment: the best score or the last graded one.
    counting   varchar(10)  not null default 'BEST' check (counting in ('BEST', 'LAST')),
    created_at timestamptz  not null default now()
);

create table enrolment (
    id          bigserial    primary key,
    course_id   bigint       not null references course (id) on delete cascade,
    user_id     bigint       not null references app_user (id),
    section     varchar(200),
    enrolled_at timestamptz  not null default now(),
    unique (course_id, user_id)
);
create index enrolment_user on enrolment (user_id);

create table assignment (
    id                      bigserial primary key,
    course_id               bigint           not null references course (id) on delete cascade,
    exercise_slug           varchar(100)     not null,
    position                integer          not null default 0,
    release_at              timestamptz,
    due_at                  timestamptz,
    -- Percent of the score lost per started day after due_at; nothing counts after cutoff_at.
    late_penalty_per_day    double precision not null default 0 check (late_penalty_per_day between 0 and 100),
    cutoff_at               timestamptz,
    -- The LMS's own id for this assignment (Canvas matches an imported column by "<Title> (<id>)").
    lms_id                  varchar(100),
    unique (course_id, exercise_slug),
    check (cutoff_at is null or (due_at is not null and cutoff_at >= due_at)),
    check (release_at is null or due_at is null or release_at <= due_at)
);

-- Deadlines set before courses existed become a course of every student, so none is lost.
insert into course (slug, title) select 'default', 'Default course' where exists (select 1 from deadline);
insert into assignment (course_id, exercise_slug, due_at)
    select c.id, d.exercise_slug, d.due_at from deadline d join course c on c.slug = 'default';
insert into enrolment (course_id, user_id)
    select c.id, u.id from course c join app_user u on u.role = 'STUDENT' where c.slug = 'default';
drop table deadline;

-- Staff try exercises as a student would; their submissions are graded but never count.
alter table submission add column practice boolean not null default false;
create index submission_exercise on submission (exercise_id);

-- A grading records the exercise version it ran against: a regrade after a test change runs the current version
-- while the submission stays tied to the version it was sent for. Regrades wait behind students' own submissions.
alter table grading add column exercise_id bigint references exercise (id);
update grading g set exercise_id = s.exercise_id from submission s where s.id = g.submission_id;
alter table grading alter column exercise_id set not null;
alter table grading add column priority smallint not null default 0;
alter table grading add column requested_by_id bigint references app_user (id);
drop index grading_queue;
create index grading_queue on grading (priority, id) where status in ('QUEUED', 'RUNNING');
