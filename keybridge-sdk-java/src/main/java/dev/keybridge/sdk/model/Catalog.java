package dev.keybridge.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * The app catalogue as your environment sees it ({@code GET /api/v2/public/catalog}): every app Keybridge offers,
 * enabled here or not, to choose what to switch on with
 * {@link dev.keybridge.sdk.resource.Applications#updateSettings}. Sandbox apps appear in the test environment only.
 *
 * @param environment {@code test} or {@code production}
 * @param apps        the apps, in the catalogue's order
 */
public record Catalog(String environment, List<Entry> apps) {

    /**
     * One app of the catalogue.
     *
     * @param slug         its slug
     * @param name         display name
     * @param description  what it is
     * @param icon         its logo's URL
     * @param authType     {@code oauth2}, {@code keybased}, {@code credentials}, …
     * @param enabled      whether it is enabled in this environment
     * @param sandbox      whether it is one of the built-in sandbox apps
     * @param authInputMap the fields a key-based app asks for (empty for others)
     */
    public record Entry(String slug, String name, String description, String icon,
                        @JsonProperty("auth_type") String authType, boolean enabled, boolean sandbox,
                        @JsonProperty("auth_input_map") List<Application.InputField> authInputMap) {}

    /** The app {@code slug}, if the catalogue offers it here. */
    public Optional<Entry> app(String slug) {
        return apps == null ? Optional.empty() : apps.stream().filter(a -> a.slug().equals(slug)).findFirst();
    }
}
