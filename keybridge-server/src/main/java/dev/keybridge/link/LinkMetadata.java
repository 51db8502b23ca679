package dev.keybridge.link;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.catalog.AppDefinition;

/**
 * The metadata Link hands the host with {@code onEvent}, {@code onSuccess} and {@code onExit}
 * (docs/link.md): which session, which app (slug and name), update mode or not, where the user is
 * ({@code status}, {@code view_name}), and the error when there is one. The browser adds
 * {@code timestamp} when it sends an event.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record LinkMetadata(@JsonProperty("link_session_id") String linkSessionId,
                    @JsonProperty("linked_account_id") String linkedAccountId,
                    App app,
                    @JsonProperty("is_update_mode") Boolean updateMode,
                    String status,
                    @JsonProperty("view_name") String viewName,
                    @JsonProperty("error_code") String errorCode,
                    @JsonProperty("error_message") String errorMessage,
                    @JsonProperty("request_id") String requestId) {

    record App(String slug, String name) {}

    static LinkMetadata of(LinkSession s, AppDefinition app, String status, String viewName, String errorCode,
                           String errorMessage, String requestId) {
        return new LinkMetadata(s.id(), LinkView.of(s).account(), app == null ? null : new App(app.slug(), app.name()),
                s.mode() == LinkSession.Mode.UPDATE, status, viewName, errorCode, errorMessage, requestId);
    }

    static LinkMetadata invalid(String errorCode, String errorMessage, String requestId) {
        return new LinkMetadata(null, null, null, null, "failed", "ERROR", errorCode, errorMessage, requestId);
    }
}
