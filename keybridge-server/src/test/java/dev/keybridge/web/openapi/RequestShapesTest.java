package dev.keybridge.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A request record's schema says what {@code JsonFields} refuses; other records are left as introspected. */
class RequestShapesTest {

    @Test
    @SuppressWarnings("rawtypes")
    void doesRefuseUnknownFieldsAndEmptyRequiredStringsWhenTheRecordIsARequest() {
        Schema sample = models(RequestShapesSamples.Sample.class).get("ShapeSample");

        assertThat(sample.getAdditionalProperties()).isEqualTo(false);
        assertThat(((Schema) sample.getProperties().get("name")).getMinLength()).isEqualTo(1);
        assertThat(((Schema) sample.getProperties().get("name")).getMaxLength()).isEqualTo(10);
        assertThat(((Schema) sample.getProperties().get("note")).getMinLength()).isNull();
        assertThat(((Schema) sample.getProperties().get("on")).getMinLength()).isNull();
    }

    @Test
    @SuppressWarnings("rawtypes")
    void doesLeaveTheSchemaAsItIsWhenTheRecordIsNotARequest() {
        Schema answer = models(RequestShapesSamples.Answer.class).get("ShapeAnswer");

        assertThat(answer.getAdditionalProperties()).isNull();
        assertThat(((Schema) answer.getProperties().get("name")).getMinLength()).isNull();
    }

    @SuppressWarnings("rawtypes")
    private static Map<String, Schema> models(Class<?> type) {
        ModelConverters converters = new ModelConverters(true);
        converters.addConverter(new RequestShapes());
        return converters.readAll(new AnnotatedType(type));
    }
}
