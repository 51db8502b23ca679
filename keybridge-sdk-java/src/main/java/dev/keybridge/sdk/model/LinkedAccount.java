package dev.keybridge.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A linked account: your end user, under your own id ({@link #accountId()}). {@code your_app}'s
 * credentials are never returned in clear (their values are masked).
 *
 * @param id            Keybridge's id ({@code _id})
 * @param associatedOrg the organization ({@code associated_org})
 * @param accountId     your id for the end user ({@code account_id} = the {@code linked_account_id} you sent)
 * @param environment   {@code test} or {@code production}
 * @param name          display name, or null
 * @param udf           user-defined fields
 * @param yourApp       your app's id and masked credential keys, or null
 * @param createdAt     creation time
 * @param updatedAt     last change
 * @param version       grows by one with every change ({@code __v})
 */
public record LinkedAccount(
        @JsonProperty("_id") String id,
        @JsonProperty("associated_org") String associatedOrg,
        @JsonProperty("account_id") String accountId,
        String environment,
        String name,
        List<UdfEntry> udf,
        @JsonProperty("your_app") YourApp yourApp,
        Instant createdAt,
        Instant updatedAt,
        @JsonProperty("__v") int version) {

    /** The value of user-defined field {@code key}, or null. */
    public Object udfValue(String key) {
        if (udf == null) {
            return null;
        }
        for (UdfEntry e : udf) {
            if (e.keyName().equals(key)) {
                return e.keyValue();
            }
        }
        return null;
    }
}
