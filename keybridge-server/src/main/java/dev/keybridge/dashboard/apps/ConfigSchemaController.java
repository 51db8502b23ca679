package dev.keybridge.dashboard.apps;

import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.AppSettings;
import dev.keybridge.dashboard.Console;
import dev.keybridge.dashboard.signin.Operator;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.userconfig.UserConfigs;
import dev.keybridge.web.ApiException;
import dev.keybridge.web.Errors;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An app's config schema (user configurations) in the chosen environment: shown as JSON
 * ({@code {fields, workflows}}) in a text area, saved through userconfig's own validation (the
 * API's {@code PUT /config-schema/{slug}}), deleted after a confirmation. Viewers only read it.
 */
@Controller
class ConfigSchemaController {

    static final int MAX_TEXT = 256 * 1024;

    private final UserConfigs configs;
    private final AppSettings settings;
    private final JsonMapper json;

    ConfigSchemaController(UserConfigs configs, AppSettings settings, JsonMapper json) {
        this.configs = configs;
        this.settings = settings;
        this.json = json;
    }

    @GetMapping("/dashboard/apps/config-schema")
    String view(@AuthenticationPrincipal Operator me, HttpSession session, Model model, @RequestParam("slug") String slug) {
        Caller caller = Console.caller(me, session);
        AppDefinition app = settings.available(caller.environment(), slug);
        Map<String, Object> schema = configs.schema(caller, app.slug()).orElse(null);
        model.addAttribute("app", app);
        model.addAttribute("schema", schema);
        model.addAttribute("text", pretty(schema));
        return "dashboard/apps/config-schema";
    }

    @PostMapping("/dashboard/apps/config-schema")
    String save(@AuthenticationPrincipal Operator me, HttpSession session, Model model, HttpServletResponse response,
                @RequestParam("slug") String slug, @RequestParam(name = "schema", defaultValue = "") String text,
                RedirectAttributes flash) {
        Caller caller = Console.caller(me, session);
        AppDefinition app = settings.available(caller.environment(), slug);
        String error;
        try {
            configs.putSchema(caller, app.slug(), parse(text));
            flash.addFlashAttribute("notice", "Config schema of " + app.name() + " saved.");
            return "redirect:/dashboard/apps/config-schema?slug=" + app.slug();
        } catch (ApiException e) {
            error = e.getMessage();
        } catch (JacksonException e) {
            error = "The schema is not valid JSON: " + e.getOriginalMessage();
        }
        response.setStatus(400);
        model.addAttribute("app", app);
        model.addAttribute("schema", configs.schema(caller, app.slug()).orElse(null));
        model.addAttribute("text", text);
        model.addAttribute("schemaError", error);
        return "dashboard/apps/config-schema";
    }

    @PostMapping("/dashboard/apps/config-schema/delete")
    String delete(@AuthenticationPrincipal Operator me, HttpSession session, @RequestParam("slug") String slug,
                  RedirectAttributes flash) {
        Caller caller = Console.caller(me, session);
        AppDefinition app = settings.available(caller.environment(), slug);
        boolean gone = configs.deleteSchema(caller, app.slug());
        flash.addFlashAttribute("notice", gone ? "Config schema of " + app.name() + " deleted."
                : app.name() + " has no config schema in this environment.");
        return "redirect:/dashboard/apps/config-schema?slug=" + app.slug();
    }

    private JsonNode parse(String text) {
        if (text.length() > MAX_TEXT) {
            throw Errors.invalid("The schema is too long (at most " + MAX_TEXT + " characters).");
        }
        JsonNode body = json.readTree(text.isBlank() ? "{}" : text);
        if (body == null || !body.isObject()) {
            throw Errors.invalid("The schema must be a JSON object: {\"fields\": [...], \"workflows\": [...]}.");
        }
        return body;
    }

    private String pretty(Map<String, Object> schema) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fields", schema == null ? List.of() : schema.get("fields"));
        body.put("workflows", schema == null ? List.of() : schema.get("workflows"));
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(body);
    }
}
