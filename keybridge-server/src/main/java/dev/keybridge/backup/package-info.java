/**
 * Backup and restore: a consistent online archive of every application table (one snapshot), its
 * manifest and checksums, restore into an empty database, and verification (checksums, row counts,
 * every sealed value decrypts). {@code ./keybridge backup|restore} runs it ({@link BackupCommand}).
 */
@NullMarked
package dev.keybridge.backup;

import org.jspecify.annotations.NullMarked;
