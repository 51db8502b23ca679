package dev.keybridge.support;

import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Map;

/**
 * The embedding app's page for browser tests: loads {@code link.js} from Keybridge, opens Link on a
 * click, and records what the host sees: {@code #out} (the public token, or {@code exit:<error>}),
 * {@code window.kbEvents} (onEvent), {@code window.kbExit} and {@code window.kbSuccess} (metadata).
 */
public final class LinkHost {

    private LinkHost() {}

    public static String html(String keybridge, String linkToken, String display) {
        return """
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Acme</title>
                <script src="%s/link.js"></script></head>
                <body><button id="connect">Connect your account</button><output id="out"></output><pre id="events"></pre>
                <script>
                  window.kbEvents = [];
                  const link = KeybridgeLink.create({
                    token: "%s", display: "%s",
                    onSuccess: (publicToken, metadata) => {
                      window.kbSuccess = metadata; document.getElementById("out").textContent = publicToken;
                    },
                    onExit: (error, metadata) => {
                      window.kbExit = { error: error, metadata: metadata };
                      document.getElementById("out").textContent = "exit:" + JSON.stringify(error);
                    },
                    onEvent: (name, metadata) => {
                      window.kbEvents.push({ name: name, metadata: metadata });
                      document.getElementById("events").textContent += name + "\\n";
                    }
                  });
                  document.getElementById("connect").addEventListener("click", () => {
                    document.getElementById("out").textContent = ""; link.open();
                  });
                </script></body></html>
                """.formatted(keybridge, linkToken, display);
    }

    /** The names of the events the host received, in order. */
    @SuppressWarnings("unchecked")
    public static List<String> eventNames(Page page) {
        return (List<String>) page.evaluate("() => window.kbEvents.map(e => e.name)");
    }

    /** The metadata of the host's events, in order. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> events(Page page) {
        return (List<Map<String, Object>>) page.evaluate("() => window.kbEvents.map(e => e.metadata)");
    }

    /** What onExit received: {@code error} (null or a map) and {@code metadata}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> exit(Page page) {
        return (Map<String, Object>) page.evaluate("() => window.kbExit");
    }
}
