package dev.keybridge.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An app enabled in your environment, with its state for one linked account.
 *
 * @param name           display name
 * @param description    what it is
 * @param icon           icon URL or name
 * @param type           the app's slug (built-in apps)
 * @param slug           the app's slug
 * @param authType       {@code oauth2} or {@code keybased}
 * @param connected      whether the linked account has a connection to it
 * @param reauthRequired whether that connection needs update mode
 * @param authInputMap   the fields a key-based app asks for
 */
public record Application(String name, String description, String icon, String type, String slug,
                          @JsonProperty("auth_type") String authType, boolean connected,
                          @JsonProperty("reauth_required") boolean reauthRequired,
                          @JsonProperty("auth_input_map") List<InputField> authInputMap) {

    /**
     * One field a key-based app asks for.
     *
     * @param name        field name
     * @param type        input type
     * @param required    whether it must be filled
     * @param placeholder placeholder text
     * @param label       label text
     */
    public record InputField(String name, String type, boolean required, String placeholder, String label) {}
}
