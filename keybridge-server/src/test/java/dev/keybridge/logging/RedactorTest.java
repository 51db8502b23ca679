package dev.keybridge.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void doesMaskEveryCredentialFormWhenPresentInALine() {
        String[][] cases = {
                {"The HTTP header line [x-api-key:kb_test_abcDEF123\u0001] does not conform", "kb_test_abcDEF123"},
                {"client_secret: cs_live_Q1w2e3r4t5y6u7i8o9p0", "cs_live_Q1w2e3r4t5y6u7i8o9p0"},
                {"authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl", "eyJzdWIiOiJ4In0"},
                {"Authorization: Basic dXNlcjpwYXNzd29yZA==", "dXNlcjpwYXNzd29yZA=="},
                {"{\"password\":\"hunter2-xyz\",\"user\":\"a\"}", "hunter2-xyz"},
                {"username=user_good&password=pass_good", "pass_good"},
                {"GET /link/s/ls_AbCdEfGhIjKlMnOpQrStUvWx/select", "ls_AbCdEfGhIjKlMnOpQrStUvWx"},
                {"redirect?code=sbc_abcdefghijklmnop&state=zzzStateValue", "zzzStateValue"},
                {"at_test_0123456789abcdef and pt_live_abcdef0123456789 and lt_test_xyzxyzxyz1", "pt_live_abcdef0123456789"},
                {"x-sandbox-key: my-third-party-key", "my-third-party-key"},
                {"jdbc:postgresql://db/kb?user=kb&password=s3cr3t-pw", "s3cr3t-pw"},
                {"\"auth_credentials\":{\"token\":\"s3cret-token\"}", "s3cret-token"},
                {"Read [{\"your_app\":{\"auth_credentials\":{\"token\":\"third-party-se (truncated)...]", "third-party-se"},
        };
        for (String[] c : cases) {
            String out = Redactor.redact(c[0]);
            assertThat(out).as(c[0]).doesNotContain(c[1]).contains(Redactor.MASK);
        }
    }

    @Test
    void doesMaskConfiguredLiteralsWhenTheyHaveNoFormat() {
        Redactor.addLiteral("operator-chosen-admin-secret");
        assertThat(Redactor.redact("token was operator-chosen-admin-secret here")).doesNotContain("operator-chosen-admin-secret");
    }

    @Test
    void doesLeaveOrdinaryLinesAloneWhenNothingIsSecret() {
        String line = "Delivered event evt_123 to endpoint 6b0d2047345d3a9064f19f12: status code 200 in 12 ms";
        assertThat(Redactor.redact(line)).isSameAs(line);
    }
}
