package dev.keybridge.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.connector.Step;
import dev.keybridge.connector.Text;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Link view survives its JSON round trip, and views stored before texts were message keys still read. */
class LinkViewTest {

    @Test
    void doesReadBackTextsAsKeysWithArgumentsWhenAViewIsStored() {
        LinkView view = LinkView.form("u-1", new Step.Form(Text.of("form.sign_in.title", "Acme"), Text.of("form.sign_in.prompt", "Acme"),
                List.of(Step.Field.text("username", Text.of("field.username")))))
                .withError("invalid_credentials", Text.of("error.invalid_login"), true);

        LinkView back = LinkView.fromJson(view.json());

        assertThat(back).isEqualTo(view);
        assertThat(back.title().args()).containsExactly("Acme");
    }

    @Test
    void doesReadPlainStringsAsLiteralTextsWhenTheViewWasStoredByAnOlderVersion() {
        LinkView old = LinkView.fromJson("""
                {"account":"u-1","title":"Sign in","prompt":"Use your password.","error":"Wrong.",
                 "fields":[{"name":"username","type":"text","label":"Username","required":true,"options":[],"readOnly":false}]}""");

        assertThat(old.title()).isEqualTo(Text.literal("Sign in"));
        assertThat(old.error().fallback()).isEqualTo("Wrong.");
        assertThat(old.fields().getFirst().label().fallback()).isEqualTo("Username");
    }

    @Test
    void doesReadChoiceOptionsAsKeysWhenStoredAndPlainStringsAsLiteralsWhenStoredByAnOlderVersion() {
        Step.Option phone = new Step.Option("phone", Text.of("sandbox.device.phone", "0042"));
        LinkView view = LinkView.challenge("u-1", new Step.Challenge(Text.of("t"), Text.of("p"),
                List.of(Step.Field.choice("device", Text.of("field.device"), List.of(phone))), null, java.util.Map.of()));

        assertThat(LinkView.fromJson(view.json()).fields().getFirst().options()).containsExactly(phone);

        LinkView old = LinkView.fromJson("""
                {"account":"u-1","title":"Device",
                 "fields":[{"name":"device","type":"choice","label":"Device","required":true,
                            "options":["Phone ending in 0042"],"readOnly":false}]}""");
        assertThat(old.fields().getFirst().options())
                .containsExactly(new Step.Option("Phone ending in 0042", Text.literal("Phone ending in 0042")));
    }
}
