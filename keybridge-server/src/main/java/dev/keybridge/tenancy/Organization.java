package dev.keybridge.tenancy;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An organization; {@code name} is null for the default one until the operator names it (KEYBRIDGE_ORGANIZATION_NAME). */
public record Organization(String id, @Nullable String name, boolean isDefault, Instant createdAt) {}
