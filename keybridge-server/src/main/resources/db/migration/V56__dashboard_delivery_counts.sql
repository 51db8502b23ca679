-- The dashboard's overview counts an environment's webhook deliveries of the last 24 hours.
create index webhook_delivery_scope on webhook_delivery (org_id, environment, created_at);
