package dev.keybridge.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkDriver;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.TestOrganization;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox EHR (credentials with challenge steps) through the hosted pages, every §7 variant. */
class CredentialsLinkTest extends IntegrationTest {

    private Api server;
    private LinkDriver browser;

    @BeforeEach
    void setUp() {
        TestOrganization org = newOrganization();
        server = org.test().withKey(api);
        browser = new LinkDriver(api.base());
    }

    private LinkDriver.Page login(String username, String password) {
        LinkDriver.Page form = browser.open(LinkTokens.forUser("ehr-user").app("sandbox-ehr").create(server));
        assertThat(form.step()).isEqualTo("form");
        assertThat(form.hasField("username")).isTrue();
        return browser.submit(Map.of("username", username, "password", password));
    }

    @Test
    void doesLinkAtOnceWhenUserGoodSignsIn() {
        LinkDriver.Page done = login("user_good", "pass_good");

        assertThat(done.step()).isEqualTo("succeeded");
        String accessToken = LinkTokens.exchange(server, done.publicToken());
        assertThat(accessToken).startsWith("at_test_");
    }

    @Test
    void doesAskForTheCodeAgainWhenTheOneTimeCodeIsWrong() {
        LinkDriver.Page code = login("mfa_device", "pass_good");
        assertThat(code.step()).isEqualTo("challenge");
        assertThat(code.hasField("code")).isTrue();

        LinkDriver.Page wrong = browser.submit(Map.of("code", "0000"));
        assertThat(wrong.step()).isEqualTo("challenge");
        assertThat(wrong.error()).contains("code is not right");

        LinkDriver.Page done = browser.submit(Map.of("code", "1234"));
        assertThat(done.step()).isEqualTo("succeeded");
        assertThat(done.publicToken()).startsWith("pt_test_");
    }

    @Test
    void doesAskEveryRoundOfQuestionsWhenMfaQuestionsHasSeveralRounds() {
        LinkDriver.Page round1 = login("mfa_questions_2_2", "pass_good");
        assertThat(round1.step()).isEqualTo("challenge");
        assertThat(round1.hasField("answer_1")).isTrue();
        assertThat(round1.hasField("answer_2")).isTrue();

        LinkDriver.Page wrong = browser.submit(Map.of("answer_1", "answer_1_1", "answer_2", "nope"));
        assertThat(wrong.error()).contains("not right");

        LinkDriver.Page round2 = browser.submit(Map.of("answer_1", "answer_1_1", "answer_2", "answer_1_2"));
        assertThat(round2.step()).isEqualTo("challenge");
        assertThat(round2.html()).contains("round 2 of 2");

        LinkDriver.Page done = browser.submit(Map.of("answer_1", "answer_2_1", "answer_2", "answer_2_2"));
        assertThat(done.step()).isEqualTo("succeeded");
    }

    @Test
    void doesAskForADeviceThenTheCodeWhenMfaSelections() {
        LinkDriver.Page choice = login("mfa_selections", "pass_good");
        assertThat(choice.hasField("device")).isTrue();
        assertThat(choice.html()).contains("type=\"radio\"");

        assertThat(choice.html()).contains("value=\"phone\"").contains("Phone ending in 0042")
                .contains("value=\"email\"").contains("E-mail m…@example.com");

        LinkDriver.Page code = browser.submit(Map.of("device", "phone"));
        assertThat(code.html()).contains("your phone ending in 0042");

        assertThat(browser.submit(Map.of("code", "1234")).step()).isEqualTo("succeeded");
    }

    @Test
    void doesShowTheDevicesInTheEndUsersLanguageWhenTheTokenAsksForOne() {
        browser.open(LinkTokens.forUser("ehr-user").app("sandbox-ehr").language("de").create(server));
        LinkDriver.Page choice = browser.submit(Map.of("username", "mfa_selections", "password", "pass_good"));

        assertThat(choice.html()).contains("Telefon mit der Endung 0042").doesNotContain("Phone ending in");
        LinkDriver.Page code = browser.submit(Map.of("device", "email"));
        assertThat(code.html()).contains("Wir haben einen Code an m…@example.com gesendet");
    }

    @Test
    void doesAskAgainWhenTheChosenDeviceIsNotOneOfTheOptions() {
        login("mfa_selections", "pass_good");

        LinkDriver.Page again = browser.submit(Map.of("device", "Phone ending in 0042"));

        assertThat(again.hasField("device")).isTrue();
        assertThat(again.error()).contains("Choose one of the devices");
    }

    @Test
    void doesLetTheUserRetryWhenThePasswordIsWrong() {
        LinkDriver.Page wrong = login("user_good", "pass_bad");

        assertThat(wrong.step()).isEqualTo("form");
        assertThat(wrong.error()).contains("username or password is not correct");
        assertThat(wrong.html()).as("the username is kept, the password is not").contains("value=\"user_good\"")
                .doesNotContain("value=\"pass_bad\"");
        assertThat(browser.submit(Map.of("username", "user_good", "password", "pass_good")).step()).isEqualTo("succeeded");
    }

    @Test
    void doesEndTheFlowWithAClearMessageWhenTheAccountIsLocked() {
        LinkDriver.Page locked = login("user_locked", "pass_good");

        assertThat(locked.step()).isEqualTo("failed");
        assertThat(locked.error()).contains("account is locked");
        assertThat(browser.submit(Map.of("username", "user_good", "password", "pass_good")).status())
                .as("a finished flow takes no more answers").isEqualTo(409);
    }

    @Test
    void doesFailWithTheNamedCodeWhenUsernameIsErrorCode() {
        LinkDriver.Page invalid = login("error_INVALID_CREDENTIALS", "pass_good");
        assertThat(invalid.error()).contains("username or password is not correct");

        LinkDriver.Page down = browser.submit(Map.of("username", "error_INSTITUTION_DOWN", "password", "pass_good"));
        assertThat(down.step()).isEqualTo("form");
        assertThat(down.error()).contains("not responding");
        assertThat(down.html()).contains("institution_down");
    }

    @Test
    void doesEndTheSessionWhenTheCodeIsGuessedTooOften() {
        login("mfa_device", "pass_good");
        for (int i = 0; i < 9; i++) {
            assertThat(browser.submit(Map.of("code", "000" + i)).step()).isEqualTo("challenge");
        }

        LinkDriver.Page stopped = browser.submit(Map.of("code", "1234"));

        assertThat(stopped.step()).isEqualTo("failed");
        assertThat(stopped.error()).contains("Too many attempts");
    }
}
