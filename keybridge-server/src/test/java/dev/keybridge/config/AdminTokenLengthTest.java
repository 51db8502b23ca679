package dev.keybridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.keybridge.KeybridgeApplication;
import dev.keybridge.support.TestDatabase;
import dev.keybridge.web.Ids;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.env.MockEnvironment;

/**
 * The admin token opens every organization and is chosen by an operator: one shorter than 32
 * characters stops the server at start, with a message that names the setting and the minimum and
 * never the value.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminTokenLengthTest {

    @Test
    void doesRefuseToStartNamingTheSettingAndTheMinimumButNotTheValueWhenTheAdminTokenIsShorterThan32Characters(
            CapturedOutput output) throws Exception {
        String token = "guessable-" + Ids.random(21);   // 31 characters

        Throwable refused = catchThrowable(() -> start(token).close());

        assertThat(refused).as("the server started").isNotNull();
        StringBuilder chain = new StringBuilder();
        for (Throwable t = refused; t != null; t = t.getCause()) {
            chain.append(t).append('\n');
        }
        assertThat(chain.toString()).contains("KEYBRIDGE_ADMIN_TOKEN must be at least 32 characters");
        assertThat(chain.toString() + output.getAll()).doesNotContain(token);
    }

    @Test
    void doesAcceptAnAdminTokenOf32CharactersAndNoneAtAllWhenTheSettingsBind() {
        String token = "long-enough-" + Ids.random(20);   // 32 characters

        assertThat(bound(new MockEnvironment().withProperty("KEYBRIDGE_ADMIN_TOKEN", token)).adminToken()).isEqualTo(token);
        assertThat(bound(new MockEnvironment()).adminApiEnabled()).isFalse();
    }

    private static ConfigurableApplicationContext start(String adminToken) throws Exception {
        return new SpringApplicationBuilder(KeybridgeApplication.class).run("--server.port=0",
                "--keybridge.database.url=" + TestDatabase.get().createDatabase(),
                "--keybridge.data-dir=" + Files.createTempDirectory("keybridge-admin-token-"),
                "--keybridge.admin-token=" + adminToken);
    }

    private static KeybridgeSettings bound(MockEnvironment env) {
        new EnvironmentVariables().postProcessEnvironment(env, null);
        return Binder.get(env).bindOrCreate("keybridge", Bindable.of(KeybridgeSettings.class));
    }
}
