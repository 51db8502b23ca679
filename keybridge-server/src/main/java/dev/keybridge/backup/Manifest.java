package dev.keybridge.backup;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code manifest.json}, the last entry of an archive: what was taken, from what, and each table's
 * entry with its row count, size and SHA-256 (of the entry's uncompressed bytes).
 *
 * @param formatVersion    {@link #FORMAT_VERSION}; a reader refuses another
 * @param createdAt        ISO-8601 UTC time of the snapshot (the writer's clock)
 * @param schemaVersion    the Flyway version of the source's schema
 * @param masterKeyIncluded whether {@link #MASTER_KEY_ENTRY} holds the master keyset
 */
public record Manifest(
        @JsonProperty("format_version") int formatVersion,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("keybridge_version") String keybridgeVersion,
        @JsonProperty("postgresql_version") String postgresqlVersion,
        @JsonProperty("schema_version") String schemaVersion,
        @JsonProperty("master_key_included") boolean masterKeyIncluded,
        @JsonProperty("tables") List<Table> tables,
        @JsonProperty("sequences") List<Sequence> sequences,
        @JsonProperty("excluded_tables") List<Excluded> excludedTables) {

    public static final int FORMAT_VERSION = 1;
    public static final String ENTRY = "manifest.json";
    public static final String MASTER_KEY_ENTRY = "master-keyset.json";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One table: its entry ({@code COPY … TO STDOUT}, text format, of {@code columns} in this order),
     * rows, bytes and SHA-256 (hex) of the entry.
     */
    public record Table(
            @JsonProperty("name") String name,
            @JsonProperty("entry") String entry,
            @JsonProperty("columns") List<String> columns,
            @JsonProperty("rows") long rows,
            @JsonProperty("bytes") long bytes,
            @JsonProperty("sha256") String sha256) {}

    /** A sequence's state, restored with {@code setval(name, last_value, is_called)}. */
    public record Sequence(
            @JsonProperty("name") String name,
            @JsonProperty("last_value") long lastValue,
            @JsonProperty("is_called") boolean isCalled) {}

    /** A table of the schema left out of every archive, and why. */
    public record Excluded(@JsonProperty("name") String name, @JsonProperty("reason") String reason) {}

    public @Nullable Table table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }

    byte[] toJson() {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
    }

    static Manifest fromJson(byte[] json) {
        Manifest m;
        try {
            m = JSON.readValue(json, Manifest.class);
        } catch (RuntimeException e) {
            throw new BackupException("The archive's manifest.json cannot be read: " + e.getClass().getSimpleName());
        }
        if (m.formatVersion() != FORMAT_VERSION) {
            throw new BackupException("The archive has format version " + m.formatVersion() + "; this build reads "
                    + FORMAT_VERSION);
        }
        return m;
    }
}
