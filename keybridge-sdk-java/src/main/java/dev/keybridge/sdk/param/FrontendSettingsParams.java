package dev.keybridge.sdk.param;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code PUT /api/v2/public/frontend/settings}: the origin allow-list, replaced as a whole. Origins
 * are {@code scheme://host[:port]} (no path, no {@code *}; at most 100); none means any origin. A call from a page
 * whose {@code Origin} is not on the list is refused with 403 {@code origin_not_allowed}.
 */
public final class FrontendSettingsParams {

    private final List<String> allowedOrigins;

    private FrontendSettingsParams(List<String> allowedOrigins) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }

    /**
     * A builder; with no origin added, the settings allow any origin.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Settings that allow pages on any origin (an empty allow-list).
     *
     * @return the params
     */
    public static FrontendSettingsParams anyOrigin() {
        return builder().build();
    }

    /** The JSON body. */
    public Map<String, Object> toBody() {
        return Map.of("allowed_origins", allowedOrigins);
    }

    @Override
    public String toString() {
        return "FrontendSettingsParams[allowedOrigins=" + allowedOrigins + "]";
    }

    /** Builds {@link FrontendSettingsParams}. */
    public static final class Builder {
        private final List<String> origins = new ArrayList<>();

        private Builder() {}

        /**
         * Allows pages on these origins, e.g. {@code https://app.example.com}, {@code http://localhost:3000}.
         *
         * @param origins origins, added to those already given
         * @return this builder
         */
        public Builder allowedOrigins(String... origins) {
            this.origins.addAll(List.of(origins));
            return this;
        }

        /** The params. */
        public FrontendSettingsParams build() {
            return new FrontendSettingsParams(origins);
        }
    }
}
