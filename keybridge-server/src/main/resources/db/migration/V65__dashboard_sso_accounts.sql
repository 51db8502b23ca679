-- Dashboard single sign-on: the provider account (issuer + the ID token's `sub`) an operator is
-- bound to, set on the operator's first sign-in with that provider. From then on only that account
-- signs the operator in from that issuer, even if the provider gives the e-mail address to someone
-- else; one provider account signs in as one operator at most. Removing the operator removes it.
create table operator_sso_account (
    operator_id text not null references operator (id) on delete cascade,
    issuer      text collate "C" not null,
    subject     text collate "C" not null,
    bound_at    timestamptz not null,
    primary key (operator_id, issuer),
    unique (issuer, subject)
);
