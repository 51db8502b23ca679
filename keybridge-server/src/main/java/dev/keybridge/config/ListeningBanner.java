package dev.keybridge.config;

import java.util.Objects;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Prints the one line scripts wait for once the server is ready for traffic. */
@Component
class ListeningBanner {

    /** First among the ready listeners: the server accepts requests from here on (the others start background loops). */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void onReady(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
            System.out.println("Keybridge listening on http://127.0.0.1:"
                    + Objects.requireNonNull(web.getWebServer()).getPort());
            System.out.flush();
        }
    }
}
