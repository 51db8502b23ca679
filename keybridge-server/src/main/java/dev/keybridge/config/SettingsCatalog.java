package dev.keybridge.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every leaf of {@link KeybridgeSettings} and its settings records (nested, or of this package such as
 * {@link MailSettings}; and {@link AuditSettings}, bound on its own), read from the records themselves: its
 * property name ({@code keybridge.link.link-token-ttl}), its environment variable ({@link Env}) and its default
 * ({@code @DefaultValue}, null when it has none).
 */
public final class SettingsCatalog {

    /** One setting; {@code variable} null when the member declares none. */
    public record Setting(String property, @Nullable String variable, @Nullable String defaultValue) {}

    private static final String PREFIX = "keybridge";

    private SettingsCatalog() {}

    public static List<Setting> all() {
        List<Setting> out = new ArrayList<>();
        collect(KeybridgeSettings.class, PREFIX, out);
        collect(AuditSettings.class, PREFIX + ".audit", out);
        return List.copyOf(out);
    }

    private static void collect(Class<?> record, String prefix, List<Setting> out) {
        RecordComponent[] components = record.getRecordComponents();
        Parameter[] parameters = canonicalConstructor(record).getParameters();
        for (int i = 0; i < components.length; i++) {
            RecordComponent rc = components[i];
            String property = prefix + "." + kebab(rc.getName());
            if (rc.getType().isRecord() && rc.getType().getPackageName().equals(KeybridgeSettings.class.getPackageName())) {
                collect(rc.getType(), property, out);
                continue;
            }
            Env env = rc.getAnnotation(Env.class);
            // @DefaultValue targets parameters only: it is on the canonical constructor's.
            DefaultValue d = parameters[i].getAnnotation(DefaultValue.class);
            out.add(new Setting(property, env == null ? null : env.value(), d == null ? null : String.join(",", d.value())));
        }
    }

    private static Constructor<?> canonicalConstructor(Class<?> record) {
        Class<?>[] types = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            return record.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(record + " has no canonical constructor", e);
        }
    }

    /** {@code linkTokenTtl} → {@code link-token-ttl}: Spring's canonical property form. */
    static String kebab(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
