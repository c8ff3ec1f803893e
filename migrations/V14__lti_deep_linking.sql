-- A deep linking request in flight: what the platform asked us to answer (where, with which data) while its staff
-- member picks an exercise. Only the user it was made for can answer it, once, within the hour.
create table lti_deep_link_request (
    id             text        primary key,
    platform_id    bigint      not null references lti_platform (id) on delete cascade,
    deployment_id  text        not null,
    user_id        bigint      not null references app_user (id) on delete cascade,
    return_url     text        not null,
    data           text,
    context_id     bigint      references lti_context (id) on delete cascade,
    created_at     timestamptz not null default now()
);
