package dev.keybridge.repair;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.config.MailSettings;
import dev.keybridge.web.Errors;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** Sends one plain-text e-mail through the configured SMTP server ({@link MailSettings}). */
@Component
class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final MailSettings settings;
    private final @Nullable JavaMailSenderImpl sender;

    Mailer(KeybridgeSettings settings) {
        this.settings = settings.mail();
        this.sender = this.settings.enabled() ? sender(this.settings) : null;
    }

    boolean enabled() {
        return sender != null;
    }

    /** 400 unless {@code address} is one plain address ({@code name@host}, no display name, no list). */
    static String checkedAddress(String address) {
        try {
            InternetAddress[] parsed = InternetAddress.parse(address, true);
            if (parsed.length != 1 || parsed[0].getPersonal() != null || !parsed[0].getAddress().equals(address.strip())
                    || !address.contains("@") || address.length() > 254) {
                throw new AddressException("not one plain address");
            }
            parsed[0].validate();
            return parsed[0].getAddress();
        } catch (AddressException e) {
            throw Errors.invalid("'email' must be one e-mail address such as user@example.com.");
        }
    }

    /** Sends; the answer is null when the server took the message, else why not (safe to show: no credentials). */
    @Nullable String send(String to, String subject, String body) {
        if (sender == null) {
            return "no SMTP server is configured (KEYBRIDGE_SMTP_HOST)";
        }
        try {
            var message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
            helper.setFrom(settings.from());
            helper.setTo(to);
            helper.setSubject(subject);
            helper.setText(body, false);
            sender.send(message);
            return null;
        } catch (MailException | jakarta.mail.MessagingException e) {
            String why = e.getClass().getSimpleName();
            log.warn("Reconnect e-mail not sent: {}", why);
            return "the SMTP server did not take the message (" + why + ")";
        }
    }

    private static JavaMailSenderImpl sender(MailSettings s) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(s.host());
        sender.setPort(s.port());
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        Properties p = sender.getJavaMailProperties();
        String millis = Long.toString(s.timeout().toMillis());
        if (s.tls().equals("tls")) {
            sender.setProtocol("smtps");
            p.put("mail.smtps.connectiontimeout", millis);
            p.put("mail.smtps.timeout", millis);
            p.put("mail.smtps.writetimeout", millis);
            p.put("mail.smtps.ssl.checkserveridentity", "true");
        } else {
            p.put("mail.smtp.connectiontimeout", millis);
            p.put("mail.smtp.timeout", millis);
            p.put("mail.smtp.writetimeout", millis);
            if (s.tls().equals("starttls")) {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
        }
        if (s.username() != null && !s.username().isBlank()) {
            sender.setUsername(s.username());
            sender.setPassword(s.password());
            p.put(s.tls().equals("tls") ? "mail.smtps.auth" : "mail.smtp.auth", "true");
        }
        return sender;
    }
}
