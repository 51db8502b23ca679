package dev.keybridge.support;

import com.microsoft.playwright.Frame;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * axe-core 4.14.1 (test resources, MPL-2.0) run in a real page: the serious and critical violations
 * of what the page shows now. The page's context must bypass CSP (Link allows only its own scripts).
 */
public final class Axe {

    private static final String SCRIPT = load();

    private Axe() {}

    /** "rule-id: selector, selector" for each serious or critical violation; empty when there is none. */
    @SuppressWarnings("unchecked")
    public static List<String> seriousViolations(Frame frame) {
        if (!(Boolean) frame.evaluate("() => typeof window.axe !== 'undefined'")) {
            frame.addScriptTag(new Frame.AddScriptTagOptions().setContent(SCRIPT));
        }
        return (List<String>) frame.evaluate("""
                async () => {
                  const r = await axe.run(document, { resultTypes: ['violations'] });
                  return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
                }""");
    }

    private static String load() {
        try (InputStream in = Axe.class.getResourceAsStream("/axe/axe.min.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
