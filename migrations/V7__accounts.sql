-- A password someone else chose or saw (a first start's one-time password, a staff reset) must be changed at the
-- next login; a disabled account cannot log in.
alter table app_user add column must_change_password boolean not null default false;
alter table app_user add column disabled_at timestamptz;

-- Browser sessions live on the server: the cookie carries a random token whose SHA-256 is stored here, so logging
-- out, changing a password or disabling an account ends sessions even on machines that kept a copied cookie.
create table user_session (
    id           bigserial    primary key,
    token_hash   varchar(64)  not null unique,
    user_id      bigint       not null references app_user (id) on delete cascade,
    created_at   timestamptz  not null default now()
);
create index user_session_user on user_session (user_id);
