package dev.keybridge.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Your environment's connection settings ({@code /api/v2/public/connections/settings}).
 *
 * @param expiryWarningLeadDays how many days before a connection's known end (a refresh token's lifetime, an expiring
 *                              password) {@code connection.pending_expiration} is sent: 1 to 90, 7 unless set
 */
public record ConnectionSettings(@JsonProperty("expiry_warning_lead_days") int expiryWarningLeadDays) {}
