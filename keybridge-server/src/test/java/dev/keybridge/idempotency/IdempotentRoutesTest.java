package dev.keybridge.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.keybridge.web.Idempotent;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The routes come from the {@link Idempotent} handlers, nothing else (over HTTP: {@link IdempotencyTest}). */
class IdempotentRoutesTest {

    static class Things {
        @Idempotent
        void create() {}

        void upsert() {}

        @Idempotent
        void act() {}

        @Idempotent
        void anyMethod() {}
    }

    @Test
    void doesCoverOnlyTheAnnotatedHandlersWhenLearningFromTheMappings() throws Exception {
        Map<RequestMappingInfo, HandlerMethod> handlers = new LinkedHashMap<>();
        handlers.put(RequestMappingInfo.paths("/things").methods(RequestMethod.POST).build(), handler("create"));
        handlers.put(RequestMappingInfo.paths("/things").methods(RequestMethod.PUT).build(), handler("upsert"));
        handlers.put(RequestMappingInfo.paths("/things/{id}/act").methods(RequestMethod.POST).build(), handler("act"));
        handlers.put(RequestMappingInfo.paths("/anything").build(), handler("anyMethod"));
        IdempotentRoutes routes = new IdempotentRoutes(noMappings());

        routes.learn(IdempotentRoutes.of(handlers));

        assertThat(routes.covers("POST", "/things")).isTrue();
        assertThat(routes.covers("PUT", "/things")).as("a handler without the annotation").isFalse();
        assertThat(routes.covers("POST", "/things/t1/act")).isTrue();
        assertThat(routes.covers("POST", "/things/t1/t2/act")).as("a variable is one segment").isFalse();
        assertThat(routes.covers("GET", "/things/t1/act")).isFalse();
        assertThat(routes.covers("DELETE", "/anything")).as("a mapping without methods takes every method").isTrue();
        assertThat(routes.covers("POST", "/things/")).isFalse();
        assertThat(routes.covers("POST", "/other")).isFalse();
    }

    @Test
    void doesCoverNothingWhenNoHandlerIsAnnotated() throws Exception {
        IdempotentRoutes routes = new IdempotentRoutes(noMappings());
        routes.learn(IdempotentRoutes.of(Map.of(
                RequestMappingInfo.paths("/things").methods(RequestMethod.PUT).build(), handler("upsert"))));

        assertThat(routes.covers("PUT", "/things")).isFalse();
    }

    private static HandlerMethod handler(String name) throws NoSuchMethodException {
        Method m = Things.class.getDeclaredMethod(name);
        return new HandlerMethod(new Things(), m);
    }

    @SuppressWarnings("unchecked")
    private static ObjectProvider<RequestMappingHandlerMapping> noMappings() {
        return mock(ObjectProvider.class);
    }
}
