package dev.keybridge;

import dev.keybridge.backup.BackupCommand;
import dev.keybridge.backup.UpgradeOnStart;
import dev.keybridge.database.EarlyDatabase;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/** Keybridge: linked accounts, Link, a credential vault and webhooks in one server. */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class KeybridgeApplication {

    public static void main(String[] args) {
        if (BackupCommand.handles(args)) {
            System.exit(BackupCommand.run(args, System.out, System.err));
        }
        SpringApplication app = new SpringApplication(KeybridgeApplication.class);
        app.setBannerMode(Banner.Mode.OFF);
        app.addListeners(new UpgradeOnStart(), new EarlyDatabase());
        app.run(args);
    }
}
