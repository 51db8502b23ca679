package dev.keybridge.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a request record declares about its JSON members, read once per record class: their names
 * ({@code @JsonProperty}, else the component's name) and their limits, {@code @Size} (string length or
 * array size), {@code @Pattern} and {@link MaxLengthSetting}. The same annotations make the OpenAPI
 * schema, so a limit is written once.
 */
final class RecordShape {

    /** One JSON member and what it declares (null: nothing). */
    record Member(String name, @Nullable Size size, java.util.regex.@Nullable Pattern pattern, @Nullable MaxLengthSetting setting) {

        boolean declaresLength() {
            return size != null && size.max() != Integer.MAX_VALUE || setting != null;
        }
    }

    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return new RecordShape(type);
        }
    };

    private final Class<?> type;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final String[] names;
    private final boolean needsSettings;

    private RecordShape(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        this.type = type;
        boolean settings = false;
        for (RecordComponent rc : type.getRecordComponents()) {
            Method accessor = rc.getAccessor();
            JsonProperty property = accessor.getAnnotation(JsonProperty.class);
            String name = property != null && !property.value().isEmpty() ? property.value() : rc.getName();
            Pattern pattern = accessor.getAnnotation(Pattern.class);
            Member m = new Member(name, accessor.getAnnotation(Size.class),
                    pattern == null ? null : java.util.regex.Pattern.compile(pattern.regexp()),
                    accessor.getAnnotation(MaxLengthSetting.class));
            settings |= m.setting() != null;
            members.put(name, m);
        }
        this.names = members.keySet().toArray(String[]::new);
        this.needsSettings = settings;
    }

    static RecordShape of(Class<? extends Record> type) {
        return SHAPES.get(type);
    }

    /** The JSON names of the members, in the record's order. */
    String[] names() {
        return names.clone();
    }

    /** Whether a member's length follows a setting, so reading it needs the limits. */
    boolean needsSettings() {
        return needsSettings;
    }

    boolean declaresLength(String name) {
        Member m = members.get(name);
        return m != null && m.declaresLength();
    }

    /** The member; an {@link IllegalStateException} (a programming error) when the record has none of that name. */
    Member member(String name) {
        Member m = members.get(name);
        if (m == null) {
            throw new IllegalStateException(type.getSimpleName() + " has no member '" + name + "'");
        }
        return m;
    }

    String typeName() {
        return type.getSimpleName();
    }
}
