-- Sending scores (Assignment and Grade Services): a row's version grows with every new score, so that a sender that
-- posted an older value does not mark a newer one SENT; a score that stops counting is sent without scoreGiven (the
-- LMS clears it); the HTTP status the LMS last answered is kept next to its trimmed body.
alter table lti_score_post alter column score_given drop not null;
alter table lti_score_post add column version bigint not null default 0;
alter table lti_score_post add column grading_progress text not null default 'FullyGraded';
alter table lti_score_post add column last_status integer;
create index lti_score_post_status on lti_score_post (status);

-- Names and Role Provisioning: who the LMS listed in a context at the last sync, with its roles and status. A member
-- no longer listed, or listed as Inactive, is unenrolled (their submissions stay) and kept here as such.
create table lti_membership (
    id          bigserial   primary key,
    context_id  bigint      not null references lti_context (id) on delete cascade,
    user_id     bigint      not null references app_user (id) on delete cascade,
    roles       text        not null,
    status      text        not null check (status in ('ACTIVE', 'INACTIVE', 'GONE')),
    synced_at   timestamptz not null default now(),
    unique (context_id, user_id)
);
