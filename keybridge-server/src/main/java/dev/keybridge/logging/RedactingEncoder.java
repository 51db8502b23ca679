package dev.keybridge.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Logback's pattern encoder with {@link Redactor} applied to the finished line, stack trace
 * included: redaction happens where the text is final, so no logger can go around it.
 */
public class RedactingEncoder extends PatternLayoutEncoder {

    @Override
    public byte[] encode(ILoggingEvent event) {
        byte[] line = super.encode(event);
        Charset charset = getCharset() == null ? StandardCharsets.UTF_8 : getCharset();
        String text = new String(line, charset);
        String redacted = Redactor.redact(text);
        return redacted == text ? line : redacted.getBytes(charset);
    }
}
