package dev.keybridge.web;

import static dev.keybridge.web.MaxLengthSetting.Limit.ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.config.KeybridgeSettings;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** A request record's members declare their limits once; {@link JsonFields} reads them from there. */
class JsonFieldsDeclarationsTest {

    record Sample(@Size(max = 5) String code,
                  @JsonProperty("owner_id") @MaxLengthSetting(ID) String ownerId,
                  @Size(min = 1, max = 2) List<String> tags,
                  @Pattern(regexp = "^#[0-9a-f]{6}$") String color,
                  String free) {}

    record Plain(@Size(max = 3) String code) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final KeybridgeSettings.Limits IDS_OF_4 = new KeybridgeSettings.Limits(262144, 4, 255, 100, 100, 2048, 8192);

    private static JsonFields sample(String json) {
        return JsonFields.body(JSON.readTree(json), Sample.class, IDS_OF_4);
    }

    @Test
    void doesTakeTheLengthFromTheMembersDeclarationWhenReadAgainstItsRecord() {
        assertThat(sample("{\"code\": \"abcde\"}").requiredString("code")).isEqualTo("abcde");
        assertThatThrownBy(() -> sample("{\"code\": \"abcdef\"}").requiredString("code"))
                .isInstanceOf(Errors.InvalidRequest.class).hasMessage("'code' is longer than 5 characters.");
    }

    @Test
    void doesTakeTheLengthFromTheSettingsWhenTheMemberFollowsOne() {
        assertThat(sample("{\"owner_id\": \"abcd\"}").optionalString("owner_id")).isEqualTo("abcd");
        assertThatThrownBy(() -> sample("{\"owner_id\": \"abcde\"}").optionalString("owner_id"))
                .hasMessage("'owner_id' is longer than 4 characters.");
        assertThatThrownBy(() -> JsonFields.body(JSON.readTree("{}"), Sample.class))
                .as("a record with setting-bound members needs the limits").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void doesAllowOnlyTheRecordsMembersWhenReadAgainstIt() {
        assertThatThrownBy(() -> sample("{\"ownerId\": \"x\"}")).isInstanceOf(Errors.InvalidRequest.class)
                .hasMessage("Unknown field 'ownerId'.");
        assertThat(JsonFields.body(JSON.readTree("{\"code\": \"abc\"}"), Plain.class).optionalString("code")).isEqualTo("abc");
    }

    @Test
    void doesExposeTheDeclaredSizeAndPatternWhenACheckNeedsThem() {
        JsonFields f = sample("{}");

        assertThat(f.size("tags").min()).isEqualTo(1);
        assertThat(f.size("tags").max()).isEqualTo(2);
        assertThat(f.pattern("color").matcher("#00aa11").matches()).isTrue();
        assertThat(f.pattern("color").matcher("#00AA11x").matches()).isFalse();
    }

    @Test
    void doesRefuseASecondLimitWhenTheMemberDeclaresOne() {
        JsonFields f = sample("{\"code\": \"a\", \"free\": \"b\"}");

        assertThatThrownBy(() -> f.optionalString("code", 10)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> f.optionalString("free")).as("no declaration to read").isInstanceOf(IllegalStateException.class);
        assertThat(f.optionalString("free", 10)).isEqualTo("b");
        assertThatThrownBy(() -> f.optionalString("nothing")).isInstanceOf(IllegalStateException.class);
    }
}
