package dev.keybridge.webhook;

import dev.keybridge.tenancy.Environment;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The body a delivery sends (its event in the {@link Envelope}), for the dashboard's delivery page. */
@Component
class DeliveryPayloads {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    DeliveryPayloads(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A delivery's event and the body it sends, indented for reading. */
    record Payload(String eventId, String body) {}

    /** The envelope of delivery {@code deliveryId} of the endpoint; empty when the endpoint has no such delivery. */
    Optional<Payload> of(String orgId, String endpointId, String deliveryId) {
        return jdbc.sql("""
                select ev.id, ev.type, ev.created_at, ev.environment, ev.data::text as data
                from webhook_delivery d join event ev on ev.id = d.event_id and ev.org_id = d.org_id
                where d.org_id = ? and d.endpoint_id = ? and d.id = ?
                """)
                .params(orgId, endpointId, deliveryId)
                .query((rs, n) -> Envelope.node(json, rs.getString("id"), rs.getTimestamp("created_at").toInstant(),
                        rs.getString("type"), Environment.fromWire(rs.getString("environment")), rs.getString("data")))
                .optional()
                .map(body -> new Payload(body.get("id").asString(),
                        json.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(body)));
    }
}
