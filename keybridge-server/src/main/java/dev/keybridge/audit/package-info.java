/**
 * The credential-use audit log: every use of a stored credential and every change, in one hash chain per
 * organization and environment (docs/audit.md). Callers hand records to {@link dev.keybridge.audit.AuditLog};
 * the only writer of {@code audit_record} and {@code audit_chain_head}.
 */
@NullMarked
package dev.keybridge.audit;

import org.jspecify.annotations.NullMarked;
