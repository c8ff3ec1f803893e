-- Accounts matched by who vouches for them: an LTI platform (its issuer and the user's sub) or an OpenID provider
-- of single sign-on (its issuer and sub). One user may have several; a pair names one user.
create table external_identity (
    id         bigserial   primary key,
    issuer     text        not null,
    subject    text        not null,
    user_id    bigint      not null references app_user (id) on delete cascade,
    created_at timestamptz not null default now(),
    last_seen  timestamptz not null default now(),
    unique (issuer, subject)
);
create index external_identity_user on external_identity (user_id);

-- An LMS registered as an LTI 1.3 platform: what it calls itself (issuer), what it calls us (client id), where it
-- signs in users, hands out access tokens and publishes its keys.
create table lti_platform (
    id                 bigserial   primary key,
    name               text        not null,
    issuer             text        not null,
    client_id          text        not null,
    auth_login_url     text        not null,
    auth_token_url     text        not null,
    key_set_url        text        not null,
    -- The audience of our client assertions at the token endpoint, when it is not the token URL (Moodle, Canvas).
    auth_token_audience text,
    created_at         timestamptz not null default now(),
    unique (issuer, client_id)
);

-- The deployments of the tool in that platform that we accept launches from.
create table lti_deployment (
    id             bigserial primary key,
    platform_id    bigint    not null references lti_platform (id) on delete cascade,
    deployment_id  text      not null,
    unique (platform_id, deployment_id)
);

-- Our own signing keys (RS256), published in our key set while not retired; the newest active one signs. Retired
-- keys stay published for a grace period so that what they signed can still be checked.
create table lti_tool_key (
    id                bigserial   primary key,
    kid               text        not null unique,
    private_key_pkcs8 text        not null,
    public_key_jwk    text        not null,
    created_at        timestamptz not null default now(),
    retired_at        timestamptz
);

-- A login in flight: the state we sent to the platform with its nonce, checked once when the launch comes back.
create table lti_login_state (
    state       text        primary key,
    nonce       text        not null,
    platform_id bigint      not null references lti_platform (id) on delete cascade,
    target_link_uri text    not null,
    created_at  timestamptz not null default now()
);

-- Nonces of id_tokens already accepted, kept until the token would have expired anyway: a replay is refused.
create table lti_used_nonce (
    platform_id bigint      not null references lti_platform (id) on delete cascade,
    nonce       text        not null,
    expires_at  timestamptz not null,
    primary key (platform_id, nonce)
);

-- An LMS course (context) of a deployment, mapped to one of our courses.
create table lti_context (
    id             bigserial   primary key,
    deployment_id  bigint      not null references lti_deployment (id) on delete cascade,
    context_id     text        not null,
    course_id      bigint      not null references course (id) on delete cascade,
    title          text,
    -- Names and Role Provisioning: the context's membership URL, when the platform offers it.
    memberships_url text,
    roster_synced_at timestamptz,
    unique (deployment_id, context_id)
);

-- An LMS resource link (an assignment or activity placed by deep linking), mapped to one of our assignments, with
-- the line item its scores go to (Assignment and Grade Services).
create table lti_resource_link (
    id               bigserial   primary key,
    context_id       bigint      not null references lti_context (id) on delete cascade,
    resource_link_id text        not null,
    assignment_id    bigint      references assignment (id) on delete set null,
    line_item_url    text,
    line_items_url   text,
    ags_scopes       text,
    unique (context_id, resource_link_id)
);

-- Scores to post to line items: written in the transaction that changed the score that counts, sent by a worker,
-- retried with back-off while the LMS is down. One row per (link, user) holds the newest score; a newer one replaces
-- it before or after sending, so the LMS ends with the last score once, whatever failed in between.
create table lti_score_post (
    id               bigserial   primary key,
    resource_link_id bigint      not null references lti_resource_link (id) on delete cascade,
    user_id          bigint      not null references app_user (id) on delete cascade,
    score_given      double precision not null,
    score_maximum    double precision not null,
    -- When the score changed here: the AGS timestamp, so that the LMS keeps the newest of two posts.
    changed_at       timestamptz not null,
    status           text        not null default 'PENDING' check (status in ('PENDING', 'SENT', 'FAILED')),
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz not null default now(),
    last_attempt_at  timestamptz,
    last_response    text,
    sent_at          timestamptz,
    unique (resource_link_id, user_id)
);
create index lti_score_post_due on lti_score_post (next_attempt_at) where status = 'PENDING';
