package dev.keybridge.backup;

import dev.keybridge.vault.SealedColumn;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.MethodMetadata;
import org.springframework.util.ClassUtils;

/**
 * The {@link SealedColumn}s as their owners declare them (static {@code @Bean} methods on their
 * components), read without starting Spring: the same declarations master-key rotation gets as beans,
 * for the command line's verification. A non-static declaration is refused, since it would need its
 * component built.
 */
public final class SealedColumns {

    private static final String ROOT = "dev.keybridge";

    private SealedColumns() {}

    /** Every declared sealed column, ordered by table and column. */
    public static List<SealedColumn> declared() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(true);
        ClassLoader loader = SealedColumns.class.getClassLoader();
        List<SealedColumn> columns = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(ROOT)) {
            if (!(candidate instanceof AnnotatedBeanDefinition annotated)) {
                continue;
            }
            for (MethodMetadata m : annotated.getMetadata().getAnnotatedMethods(Bean.class.getName())) {
                if (!m.getReturnTypeName().equals(SealedColumn.class.getName())) {
                    continue;
                }
                if (!m.isStatic()) {
                    throw new IllegalStateException("SealedColumn bean " + m.getDeclaringClassName() + "." + m.getMethodName()
                            + " must be static (the backup command reads it without starting Spring)");
                }
                columns.add(invoke(m, loader));
            }
        }
        columns.sort(Comparator.comparing(SealedColumn::table).thenComparing(SealedColumn::column));
        return List.copyOf(columns);
    }

    private static SealedColumn invoke(MethodMetadata m, ClassLoader loader) {
        try {
            Class<?> owner = ClassUtils.forName(m.getDeclaringClassName(), loader);
            Method method = owner.getDeclaredMethod(m.getMethodName());
            if (!Modifier.isStatic(method.getModifiers())) {
                throw new IllegalStateException(m.getMethodName() + " is not static");
            }
            method.setAccessible(true);
            return (SealedColumn) method.invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("Could not read the SealedColumn declared by " + m.getDeclaringClassName()
                    + "." + m.getMethodName(), e);
        }
    }
}
