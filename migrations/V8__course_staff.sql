-- Staff roles are per course: a course's instructors run it (roster, assignments, policy, who else is staff) and its
-- teaching assistants see it and grade (gradebook, its students' submissions, regrades). A staff member sees and
-- changes only the courses they hold a role in; platform admins (app_user.role = 'ADMIN') see every course.
create table course_staff (
    id            bigserial   primary key,
    course_id     bigint      not null references course (id) on delete cascade,
    user_id       bigint      not null references app_user (id),
    role          varchar(20) not null check (role in ('INSTRUCTOR', 'ASSISTANT')),
    granted_by_id bigint      references app_user (id),
    granted_at    timestamptz not null default now(),
    unique (course_id, user_id)
);
create index course_staff_user on course_staff (user_id);

-- Who may publish a new version of an uploaded exercise. Exercises kept in the server's folder (git) have none:
-- they change only there.
create table exercise_owner (
    id            bigserial    primary key,
    exercise_slug varchar(100) not null,
    user_id       bigint       not null references app_user (id),
    granted_by_id bigint       references app_user (id),
    granted_at    timestamptz  not null default now(),
    unique (exercise_slug, user_id)
);

-- Before roles, every instructor could run every course and republish every exercise: they keep exactly that for what
-- exists already, and nothing made from now on.
insert into course_staff (course_id, user_id, role)
    select c.id, u.id, 'INSTRUCTOR' from course c cross join app_user u where u.role = 'INSTRUCTOR';
insert into exercise_owner (exercise_slug, user_id)
    select distinct e.slug, u.id from exercise e cross join app_user u where u.role = 'INSTRUCTOR';

-- The first account is the platform admin, as on a fresh start (UserBootstrap), where no admin exists yet.
update app_user set role = 'ADMIN'
    where id = (select min(id) from app_user where role = 'INSTRUCTOR')
      and not exists (select 1 from app_user where role = 'ADMIN');
