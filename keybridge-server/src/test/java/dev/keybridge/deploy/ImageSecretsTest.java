package dev.keybridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The patterns {@link ImageIT} looks for in every file of the image: values, not the bare prefixes. */
class ImageSecretsTest {

    @Test
    void findsGeneratedLookingCredentialsAndKeysets() {
        assertThat(ImageIT.SECRET.matcher("KEY=kb_live_4f9Qx2LmZ8rT1vWbN3cY").find()).isTrue();
        assertThat(ImageIT.SECRET.matcher("\"kb_test_AbCdEfGhIjKlMnOpQr\"").find()).isTrue();
        assertThat(ImageIT.SECRET.matcher("cs_test_0123456789abcdefXYZ").find()).isTrue();
        assertThat(ImageIT.SECRET.matcher("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").find()).isTrue();
        assertThat(ImageIT.KEYSET.matcher("{\"primaryKeyId\": 123, \"key\": []}").find()).isTrue();
    }

    @Test
    void passesThePrefixesTheCodeNames() {
        assertThat(ImageIT.SECRET.matcher("must start kb_test_, at least 24 characters").find()).isFalse();
        assertThat(ImageIT.SECRET.matcher("prefix = \"whsec_\";").find()).isFalse();
        assertThat(ImageIT.SECRET.matcher("cs_live_").find()).isFalse();
    }
}
