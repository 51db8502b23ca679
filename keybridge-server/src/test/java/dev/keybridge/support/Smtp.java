package dev.keybridge.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) for the test server's e-mail (the repair inbox), one per test JVM on a free
 * loopback port; tests read what it received for their own addresses.
 */
public final class Smtp {

    private static final GreenMail SERVER = start();

    /** One received message: its recipients, subject and plain-text body. */
    public record Mail(List<String> to, String subject, String body) {}

    private Smtp() {}

    private static GreenMail start() {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        server.start();
        return server;
    }

    /** The test server's {@code keybridge.mail.*} settings for this SMTP server. */
    public static Map<String, String> settings() {
        return Map.of("keybridge.mail.host", "127.0.0.1", "keybridge.mail.port",
                Integer.toString(SERVER.getSmtp().getPort()), "keybridge.mail.tls", "none",
                "keybridge.mail.from", "Keybridge Tests <keybridge@tests.example>", "keybridge.mail.timeout", "5s");
    }

    /** What reached {@code address}, oldest first. */
    public static List<Mail> to(String address) {
        return Arrays.stream(SERVER.getReceivedMessages()).filter(m -> recipients(m).contains(address))
                .map(m -> new Mail(recipients(m), subject(m), body(m))).toList();
    }

    private static List<String> recipients(MimeMessage m) {
        try {
            return Arrays.stream(m.getAllRecipients()).map(Object::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(MimeMessage m) {
        try {
            return m.getContent().toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
