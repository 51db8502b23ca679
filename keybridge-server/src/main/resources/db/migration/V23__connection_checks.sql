-- Scheduled checks of connections that cannot refresh (key-based, credentials): when they were last
-- checked and when they are due next (null: due once they are older than the check interval).
alter table connection add column last_checked_at timestamptz;
alter table connection add column next_check_at timestamptz;
create index connection_check_due on connection (next_check_at) where status = 'active' and not refreshable;
