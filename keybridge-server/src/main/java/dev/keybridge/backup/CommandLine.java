package dev.keybridge.backup;

import dev.keybridge.config.EnvironmentVariables;
import dev.keybridge.config.KeybridgeSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The arguments of {@code backup} and {@code restore}: the command, its file ({@code --out} or
 * {@code --in}, as {@code --out FILE} or {@code --out=FILE}), {@code --include-master-key}, and the
 * settings, bound as the server binds them (the {@code KEYBRIDGE_*} variables, or {@code --name=value}).
 */
record CommandLine(String command, @Nullable Path file, boolean includeMasterKey, KeybridgeSettings settings) {

    static final String USAGE = """
            usage: keybridge backup --out FILE [--include-master-key]
                   keybridge restore --in FILE
            Settings as for the server: KEYBRIDGE_DATA_DIR (embedded PostgreSQL), KEYBRIDGE_DATABASE_URL,
            KEYBRIDGE_DATABASE_USER, KEYBRIDGE_DATABASE_PASSWORD, KEYBRIDGE_MASTER_KEY.""";

    /** Thrown for arguments that do not make a command; the message says which. */
    static final class Usage extends RuntimeException {
        Usage(String message) {
            super(message, null, false, false);
        }
    }

    static CommandLine parse(String[] args) {
        if (args.length == 0) {
            throw new Usage("no command");
        }
        String command = args[0];
        String fileOption = command.equals("backup") ? "--out" : "--in";
        Path file = null;
        boolean includeKey = false;
        List<String> settings = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals(fileOption) && i + 1 < args.length) {
                file = Path.of(args[++i]);
            } else if (a.startsWith(fileOption + "=")) {
                file = Path.of(a.substring(fileOption.length() + 1));
            } else if (a.equals("--include-master-key") && command.equals("backup")) {
                includeKey = true;
            } else if (a.startsWith("--") && a.contains("=")) {
                settings.add(a);
            } else {
                throw new Usage("unknown argument " + a);
            }
        }
        if (file == null) {
            throw new Usage(command + " needs " + fileOption + " FILE");
        }
        return new CommandLine(command, file, includeKey, bind(settings.toArray(String[]::new)));
    }

    private static KeybridgeSettings bind(String[] settings) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new SimpleCommandLinePropertySource(settings));
        new EnvironmentVariables().postProcessEnvironment(env, new SpringApplication());
        return Binder.get(env).bindOrCreate("keybridge", KeybridgeSettings.class);
    }

    /** The version of this build (application.properties, filtered by Maven), or {@code dev}. */
    static String keybridgeVersion() {
        Properties p = new Properties();
        try (InputStream in = CommandLine.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException ignored) {
            // the version is informative only
        }
        String v = p.getProperty("build.version", "dev");
        return v.startsWith("@") ? "dev" : v;
    }

    Path requiredFile() {
        if (file == null) {
            throw new Usage(command + " needs a file");
        }
        return file;
    }
}
