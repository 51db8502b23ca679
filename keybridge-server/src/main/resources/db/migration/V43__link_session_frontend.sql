-- Link sessions begun from the browser SDK with a session token (issue 9, GET /api/v1/{slug}/integrate).
-- Nobody holds such a Link's public token (the page polls the application object instead), so when one
-- creates a connection, connection.created is written at once, in the transaction that finishes Link,
-- and no public token is issued.
alter table link_session add column frontend boolean not null default false;
