package dev.keybridge.link;

import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.AppSettings;
import dev.keybridge.catalog.Catalog;
import dev.keybridge.connection.Connections;
import dev.keybridge.connector.Text;
import dev.keybridge.connector.Texts;
import dev.keybridge.tenancy.Environment;
import dev.keybridge.tenancy.TenancyService;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the Link template shows, in the end user's language: the step's texts translated from the
 * session's view, the picker's cards (logos bundled in the jar, a monogram otherwise), the host's
 * branding, and the metadata the page hands to the host with each event.
 */
@Component
class LinkPage {

    record Brand(String name, String logo, String initial, String accent, String accentText, String theme) {}

    record Field(String name, String type, String label, boolean required, String placeholder, List<Choice> options,
                 String value, boolean readOnly) {}

    /** A choice's answer as the form sends it and as the end user reads it. */
    record Choice(String value, String label) {}

    record AppCard(String slug, String name, String logo, String initial) {}

    /** The model of {@code templates/link/page.html}. */
    record Page(String step, String viewName, String stepView, String status, String handle, int stepSeq, String lang, String title,
                String prompt, String error, String errorCode, boolean retryable, List<Field> fields, AppCard app,
                List<AppCard> apps, LinkPicker.Picked picker, String query, String searchNote, boolean fixedApp,
                boolean update, String reconnect, String reason, boolean intro, String publicToken, boolean showToken,
                String embedOrigin, String display, String event, String metadata, String environment, Brand brand) {}

    private final MessageSource messages;
    private final Texts texts;
    private final AppSettings apps;
    private final Catalog catalog;
    private final LinkSettings linkSettings;
    private final Connections connections;
    private final TenancyService tenancy;
    private final JsonMapper json;
    private final LinkPicker picker;

    LinkPage(MessageSource messages, AppSettings apps, Catalog catalog, LinkSettings linkSettings,
             Connections connections, TenancyService tenancy, JsonMapper json, Texts texts, LinkPicker picker) {
        this.picker = picker;
        this.texts = texts;
        this.json = json;
        this.messages = messages;
        this.apps = apps;
        this.catalog = catalog;
        this.linkSettings = linkSettings;
        this.connections = connections;
        this.tenancy = tenancy;
    }

    Page of(LinkFlow.Outcome o, String query, String category, boolean all, boolean introDone, String requestId,
            Locale locale) {
        LinkSession s = o.session();
        LinkView v = o.view();
        String step = s.step().wire();
        AppDefinition app = s.appSlug() == null ? null : catalog.find(s.appSlug()).map(apps::resolve).orElse(null);
        LinkPicker.Picked picked = s.step() == LinkSession.State.PICKING
                ? picker.pick(s, query, category, all, locale) : LinkPicker.Picked.NONE;
        List<AppCard> cards = picked.apps().stream().map(LinkPage::card).toList();
        String note = picked.note();
        boolean update = s.mode() == LinkSession.Mode.UPDATE;
        String reason = null;
        if (update && app != null) {
            String why = connections.find(s.orgId(), s.environment(), s.connectionId()).map(connections::updateReason)
                    .orElse(null);
            reason = messages.getMessage("reason." + why, null, msg("reason.other", locale), locale);
        }
        boolean firstStep = s.stepSeq() <= 1 && (step.equals("picking") || step.equals("form") || step.equals("challenge"));
        boolean intro = firstStep && !introDone && v.error() == null;
        String status = LinkStatus.of(s, v);
        String viewName = LinkStatus.viewName(step, v, intro);
        String event = switch (s.step()) {
            case SUCCEEDED -> o.publicToken() == null ? "done" : "success";
            case EXITED -> "exit";
            case FAILED -> "error";
            default -> null;
        };
        String error = t(v.error(), locale);
        LinkMetadata metadata = LinkMetadata.of(s, app, status, viewName, v.errorCode(), error, requestId);
        boolean showToken = o.publicToken() != null && s.embedOrigin() == null && s.environment() == Environment.TEST;
        List<Field> fields = v.fields() == null ? List.of() : v.fields().stream().map(f -> new Field(f.name(), f.type(),
                t(f.label(), locale), f.required(), f.placeholder(),
                f.options().stream().map(c -> new Choice(c.value(), t(c.label(), locale))).toList(), f.value(),
                f.readOnly())).toList();
        return new Page(step, viewName, LinkStatus.viewName(step, v, false), status, o.handle(), s.stepSeq(), locale.getLanguage(), t(v.title(), locale),
                t(v.prompt(), locale), error, v.errorCode(), v.retryable() == null || v.retryable(), fields,
                app == null ? null : card(app), cards, picked, query, note, s.fixedApp(), update,
                app == null ? null : msg("update.title", locale, app.name()), reason, intro, o.publicToken(), showToken,
                s.embedOrigin(), s.display(), event, json.writeValueAsString(metadata), s.environment().wire(),
                brand(s.orgId(), s.environment(), locale));
    }

    /** The page for a Link that cannot continue (a bad, spent or expired token; an unknown handle). */
    Page invalid(String code, String fallback, String origin, String requestId, Locale locale) {
        String error = messages.getMessage("error." + code, null, fallback, locale);
        return new Page("invalid", "ERROR", "ERROR", "failed", null, 0, locale.getLanguage(), null, null, error, code, false,
                List.of(), null, List.of(), LinkPicker.Picked.NONE, null, null, false, false, null, null, false, null, false, origin,
                null, "error", json.writeValueAsString(LinkMetadata.invalid(code, error, requestId)), null,
                new Brand(msg("brand.default", locale), null, "K", null, null, "system"));
    }

    /** The OAuth popup of a Link in an iframe, back from the provider: the frame continues, this window closes. */
    Page returned(LinkFlow.Outcome o, String requestId, Locale locale) {
        LinkSession s = o.session();
        return new Page("returned", "OAUTH", "OAUTH", LinkStatus.of(s, o.view()), null, 0, locale.getLanguage(),
                msg("returned.title", locale), null, null, null, false, List.of(), null, List.of(), LinkPicker.Picked.NONE, null, null,
                false, false, null, null, false, null, false, null, s.display(), null, "{}", s.environment().wire(),
                brand(s.orgId(), s.environment(), locale));
    }

    private Brand brand(String orgId, Environment env, Locale locale) {
        LinkSettings.Branding b = linkSettings.branding(orgId, env);
        String name = b.displayName() != null ? b.displayName() : tenancy.requireOrganization(orgId).name();
        if (name == null || name.isBlank()) {
            name = msg("brand.default", locale);
        }
        return new Brand(name, b.logo(), name.substring(0, 1).toUpperCase(locale), b.accentColor(),
                b.accentColor() == null ? null : textOn(b.accentColor()), b.theme());
    }

    static AppCard card(AppDefinition a) {
        String icon = a.icon() == null ? "" : a.icon();
        int at = icon.indexOf("/link/assets/");
        return new AppCard(a.slug(), a.name(), at >= 0 ? icon.substring(at) : null,
                a.name().substring(0, 1).toUpperCase(Locale.ROOT));
    }

    /** Black or white, whichever reads better on {@code #rrggbb} (WCAG relative luminance). */
    static String textOn(String hex) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        double l = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
        return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? "#000000" : "#ffffff";
    }

    String t(Text text, Locale locale) {
        return texts.render(text, locale);
    }

    private String msg(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
