-- Dashboard single sign-on (OpenID Connect): the authorization request of a sign-in under way
-- (state, nonce, PKCE verifier), found by the SHA-256 of a random token in the kb_dashboard_sso
-- cookie (SameSite=Lax, so the provider's redirect back carries it), spent on the way back.
create table dashboard_sso_request (
    token_hash bytea primary key,
    request    bytea not null,
    expires_at timestamptz not null
);
create index dashboard_sso_request_expiry on dashboard_sso_request (expires_at);
