package dev.keybridge.dashboard.signin;

import java.io.Serializable;
import java.time.Instant;

/** A person who signs in to the dashboard, for one organization. The session's principal. */
public record Operator(String id, String orgId, String email, Role role, Instant createdAt) implements Serializable {}
