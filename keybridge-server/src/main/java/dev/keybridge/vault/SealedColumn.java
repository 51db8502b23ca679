package dev.keybridge.vault;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A column holding AEAD ciphertexts, declared as a bean by the feature that owns it (next to the one
 * place that builds its context), so master-key rotation finds every sealed column. {@code keys}
 * identify a row; {@code context} builds the associated data from the row's values.
 */
public record SealedColumn(String table, String column, List<String> keys, List<String> contextColumns,
                           Function<Row, byte[]> context) {

    /** A row read for re-encryption: its key and context columns by name. */
    public record Row(Map<String, Object> values) {

        public @Nullable String string(String column) {
            return (String) values.get(column);
        }

        public byte @Nullable [] bytes(String column) {
            return (byte[]) values.get(column);
        }
    }
}
