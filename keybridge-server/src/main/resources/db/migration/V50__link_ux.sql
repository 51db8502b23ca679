-- Link UX (issue 13): the end user's language on the link token, a step counter that form posts
-- carry (a reload or back never replays an old step's form), the mark a closing Link window leaves
-- (a token is reusable until one session succeeds), and the environment's branding.
alter table link_session
    add column language         text,
    add column step_seq         integer not null default 0,
    add column window_closed_at timestamptz;

alter table link_setting
    add column display_name text,
    add column logo         text,
    add column accent_color text,
    add column theme        text not null default 'system' check (theme in ('light', 'dark', 'system'));
