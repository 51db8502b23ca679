-- The scopes each OAuth grant actually received (RFC 6749 §5.1: the token response's `scope`, or the
-- requested scopes when it has none), per connection. Null where unknown: connections linked before
-- this migration until their next grant or refresh that reports a scope, and families without scopes
-- (key-based, credentials). Written only by connection.Connections, with the credentials it belongs to.
alter table connection add column scopes text[];
