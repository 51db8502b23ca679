package dev.keybridge.connector;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;

/**
 * Copies of catalogue records with some components changed, by component name, so a connector that derives an
 * app (the SMART family's discovered endpoints) does not depend on how many components the record has.
 */
final class Records {

    private Records() {}

    /** {@code record} with the named components replaced; every name must be a component. */
    static <R extends Record> R with(R record, Map<String, ?> changes) {
        @SuppressWarnings("unchecked")
        Class<R> type = (Class<R>) record.getClass();
        return build(type, record, changes);
    }

    /** A new record of {@code type} with the named components set and the others null, false or zero. */
    static <R extends Record> R create(Class<R> type, Map<String, ?> values) {
        return build(type, null, values);
    }

    private static <R extends Record> R build(Class<R> type, R from, Map<String, ?> changes) {
        RecordComponent[] components = type.getRecordComponents();
        for (String name : changes.keySet()) {
            if (Arrays.stream(components).noneMatch(c -> c.getName().equals(name))) {
                throw new IllegalArgumentException(type.getSimpleName() + " has no component " + name);
            }
        }
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                types[i] = c.getType();
                if (changes.containsKey(c.getName())) {
                    args[i] = changes.get(c.getName());
                } else if (from != null) {
                    args[i] = c.getAccessor().invoke(from);
                } else {
                    args[i] = empty(c.getType());
                }
            }
            Constructor<R> canonical = type.getDeclaredConstructor(types);
            return canonical.newInstance(args);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("cannot copy " + type.getSimpleName(), e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot copy " + type.getSimpleName(), e.getCause());
        }
    }

    private static Object empty(Class<?> type) {
        if (!type.isPrimitive()) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == char.class) {
            return '\0';
        }
        return type == long.class ? 0L : type == double.class ? 0.0 : type == float.class ? 0f
                : type == short.class ? (short) 0 : type == byte.class ? (byte) 0 : 0;
    }
}
