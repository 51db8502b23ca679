package dev.keybridge.tenancy;

import java.time.Instant;

public record Organization(String id, String name, boolean isDefault, Instant createdAt) {}
