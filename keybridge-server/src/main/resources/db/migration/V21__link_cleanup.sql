-- Expired Link sessions and public tokens are deleted in the background (ExpiredLinkCleanup).
create index link_session_expires on link_session (expires_at);
create index public_token_expires on public_token (expires_at);
