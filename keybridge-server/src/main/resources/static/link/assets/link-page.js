// The hosted Link page: the intro, live search, busy buttons, events for the host, and the hand-off.
// Every text comes from the page (server-side bundles); this file holds none.
(function () {
  "use strict";
  var root = document.getElementById("kb-link");
  if (!root) return;
  var attr = function (n) { return root.getAttribute(n); };
  var handle = attr("data-handle");
  var step = attr("data-step");
  var origin = attr("data-origin");
  var display = attr("data-display");
  var framed = window.parent !== window;
  var target = window.opener || (framed ? window.parent : null);
  var metadata = {};
  try { metadata = JSON.parse(attr("data-metadata") || "{}"); } catch (e) { /* keep empty */ }
  var open = step === "picking" || step === "form" || step === "challenge" || step === "authorizing";
  var leaving = false;
  var format = function (pattern, value) { return (pattern || "").replace("{0}", value); };

  function post(message) {
    if (origin && target) target.postMessage(message, origin);
  }

  // ---- events for the host (onEvent); link.js adds HANDOFF and EXIT itself
  function emit(name, extra) {
    var m = {};
    Object.keys(metadata).forEach(function (k) { m[k] = metadata[k]; });
    Object.keys(extra || {}).forEach(function (k) { m[k] = extra[k]; });
    m.timestamp = new Date().toISOString();
    post({ source: "keybridge-link", event: "event", name: name, metadata: m });
  }

  // ---- the iframe view: tell link.js the frame is up (a frame that stays silent ends with onExit there)
  post({ source: "keybridge-link", event: "ready" });
  if (framed && origin) {
    // Escape anywhere in the frame closes Link, as it does while focus is on the host's page.
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && !e.defaultPrevented) {
        post({ source: "keybridge-link", event: "exit", error: metadata.error_code
          ? { error_code: metadata.error_code, error_message: metadata.error_message } : null, metadata: metadata });
      }
    });
    // After an OAuth popup moved the session on, link.js asks the frame to show where it is now.
    window.addEventListener("message", function (e) {
      if (e.source !== window.parent || e.origin !== origin || !e.data || e.data.source !== "keybridge-link-host") return;
      if (e.data.event === "refresh" && handle) location.replace("/link/s/" + handle);
    });
  }

  // Keybridge marks the first page of an open (?opened=1) and the return from a provider (?oauth=1);
  // the address drops the mark at once, so a reload does not repeat the event.
  var query = location.search;
  if (!handle || /[?&]opened=1/.test(query)) emit("OPEN");
  if (/[?&]oauth=1/.test(query)) emit("CLOSE_OAUTH");
  if (/[?&](opened|oauth)=1/.test(query) && window.history && history.replaceState) {
    history.replaceState(null, "", location.pathname + location.hash);
  }
  if (metadata.error_code) emit("ERROR");

  // ---- the intro pane (without JavaScript its Continue is a plain link)
  var intro = document.getElementById("intro");
  var stepPane = document.getElementById("step");
  var introContinue = document.getElementById("intro-continue");
  if (intro && stepPane && introContinue) {
    introContinue.addEventListener("click", function (e) {
      e.preventDefault();
      intro.hidden = true;
      stepPane.hidden = false;
      var f = document.getElementById("step-form");
      var ev = f ? f.getAttribute("data-submit-event") : null;
      metadata.view_name = step === "picking" ? "SELECT_APP" : ev === "OPEN_OAUTH" ? "OAUTH" : ev === "SUBMIT_MFA" ? "MFA" : "CREDENTIAL";
      var first = stepPane.querySelector("input:not([type=hidden]):not([readonly]), button");
      if (first) first.focus();
    });
  }

  // ---- forms: one submission at a time, a spinner while it runs, an event for the host
  Array.prototype.forEach.call(document.querySelectorAll("form[method=post]"), function (form) {
    form.addEventListener("submit", function (e) {
      if (form.getAttribute("aria-busy") === "true") { e.preventDefault(); return; }
      form.setAttribute("aria-busy", "true");
      Array.prototype.forEach.call(form.querySelectorAll("button"), function (b) {
        b.setAttribute("aria-disabled", "true");
        b.classList.add("busy");
      });
      leaving = true;
      var slug = form.querySelector("input[name=slug]");
      var name = form.getAttribute("data-submit-event");
      if (name === "OPEN_OAUTH" && framed && origin) {
        // Providers refuse to be framed: the sign-in runs in a popup, this frame waits (link.js follows it).
        var popup = window.open("", "keybridge-oauth-" + Date.now(), "popup,width=520,height=720");
        if (popup) {
          form.target = popup.name;
          post({ source: "keybridge-link", event: "oauth" });
        } else {
          e.preventDefault();
          post({ source: "keybridge-link", event: "exit", metadata: metadata,
            error: { error_code: "popup_blocked", error_message: "The browser blocked the sign-in window." } });
        }
      }
      if (slug) {
        var card = form.querySelector(".name");
        emit("SELECT_APP", { app: { slug: slug.value, name: card ? card.textContent : null } });
      } else if (name) {
        emit(name);
      }
    });
  });

  // ---- search: enabled apps, and catalogue apps that are not available here
  var q = document.getElementById("q");
  var list = document.getElementById("apps");
  if (q && list) {
    var hint = document.getElementById("detect-hint");
    var none = document.getElementById("no-match");
    var off = document.getElementById("unavailable");
    var hostOf = function (text) {
      var s = text.trim().toLowerCase();
      var at = s.lastIndexOf("@");
      if (at >= 0) s = s.slice(at + 1);
      var scheme = s.indexOf("://");
      if (scheme >= 0) s = s.slice(scheme + 3);
      s = s.split(/[\/?#:]/)[0];
      return s.indexOf(".") > 0 && s.indexOf(" ") < 0 ? s : null;
    };
    var matches = function (li, text, host) {
      var domains = (li.getAttribute("data-domains") || "").split(" ").filter(Boolean);
      var terms = li.getAttribute("data-terms") || "";
      var byDomain = !!host && domains.some(function (d) { return host === d || host.endsWith("." + d); });
      return { any: !text || byDomain || terms.indexOf(text) >= 0 || (host && terms.indexOf(host.split(".")[0]) >= 0), byDomain: byDomain };
    };
    var searchTimer = null;
    var filter = function () {
      var text = q.value.trim().toLowerCase();
      var host = hostOf(text);
      var shown = 0, best = null;
      Array.prototype.forEach.call(list.children, function (li) {
        var m = matches(li, text, host);
        li.hidden = !m.any;
        if (m.any) shown++;
        if (m.byDomain && !best) best = li;
      });
      if (best) list.insertBefore(best, list.firstChild);
      if (hint) hint.textContent = best && text ? format(attr("data-msg-detected"), best.querySelector(".name").textContent) : "";
      if (none) {
        var missing = null;
        if (shown === 0 && off) {
          missing = Array.prototype.find.call(off.children, function (li) { return matches(li, text, host).any; });
        }
        none.textContent = shown > 0 ? "" : missing ? format(attr("data-msg-not-available"), missing.getAttribute("data-name"))
          : attr("data-msg-no-match");
        none.hidden = shown > 0;
      }
    };
    var missed = {};
    q.addEventListener("input", function () {
      filter();
      clearTimeout(searchTimer);
      var text = q.value.trim();
      if (text) searchTimer = setTimeout(function () {
        emit("SEARCH_APP", { search_query: text });
        // Apps your users looked for: a settled search that found nothing is counted once per term (the
        // server checks the miss itself).
        var key = text.toLowerCase();
        if (handle && none && !none.hidden && key.length >= 2 && !missed[key] && navigator.sendBeacon) {
          missed[key] = true;
          var body = new FormData();
          body.append("q", text);
          navigator.sendBeacon("/link/s/" + handle + "/missed", body);
        }
      }, 400);
    });
    q.form.addEventListener("submit", function (e) {
      e.preventDefault();
      filter();
      var first = Array.prototype.find.call(list.children, function (li) { return !li.hidden; });
      if (first) first.querySelector("button").focus();
    });
    if (q.value) filter();
  }

  // ---- fields handed over in the address fragment (#name=value&...): the browser SDK's connect()
  // payload (GET /api/v1/{slug}/integrate), so a subdomain or a username arrives already typed. Never
  // into password fields; the fragment is never sent to any server.
  if (location.hash.length > 1 && window.URLSearchParams) {
    new URLSearchParams(location.hash.slice(1)).forEach(function (value, name) {
      var input = document.querySelector("form input[name='" + name.replace(/[^A-Za-z0-9_.\-]/g, "") + "']");
      if (input && !input.value && input.type !== "password" && input.type !== "hidden") input.value = value;
    });
  }
  // The fragment rides along on this page's forms (a redirect after a POST keeps the request's fragment), so
  // it still reaches the form that has those fields when an intro or a picker comes first.
  if (location.hash.length > 1) {
    Array.prototype.forEach.call(document.querySelectorAll("form"), function (f) {
      var action = f.getAttribute("action") || (location.pathname + location.search);
      if (action.indexOf("#") < 0) f.setAttribute("action", action + location.hash);
    });
  }

  // ---- a popup whose opener a provider cut (Cross-Origin-Opener-Policy): link.js polls for the result,
  //      so this page tells Keybridge when its window closes without finishing (a reload says it is back).
  var severed = display === "popup" && !window.opener;
  if (severed && handle && open) {
    navigator.sendBeacon("/link/s/" + handle + "/opened");
    window.addEventListener("pagehide", function () {
      if (!leaving) navigator.sendBeacon("/link/s/" + handle + "/closed");
    });
  }

  // ---- the result: postMessage to the embedding page's origin only
  var event = attr("data-event");
  var closeButton = document.getElementById("close");
  var closeWindow = document.getElementById("close-window");
  var message = null;
  if (event && event !== "done") {
    message = { source: "keybridge-link", event: event, metadata: metadata };
    if (event === "success") message.public_token = attr("data-public-token");
    if (event === "error") message.error = { error_code: metadata.error_code, error_message: metadata.error_message };
    post(message);
    var closing = document.getElementById("closing");
    if (event === "success" && closing && target && origin) closing.hidden = false;
  }
  if (!target && closeWindow && step === "succeeded") closeWindow.hidden = false;
  if (event === "success" && window.opener) {
    // The host closes Link; a popup that it cannot reach closes itself after the success pane was seen.
    setTimeout(function () { window.close(); }, 1500);
  }
  if (closeButton) {
    closeButton.addEventListener("click", function () {
      post({ source: "keybridge-link", event: "exit", error: message && message.error ? message.error : null, metadata: metadata });
      if (target && origin) {
        if (window.opener || display === "popup") window.close();
        if (closeWindow) closeWindow.hidden = false;
        return;
      }
      // No page to go back to (opened by URL; the redirect flow went back to its redirect_uri already): close
      // where the browser lets a page close itself, and say so, never a ✕ that does nothing.
      if (closeWindow) {
        closeWindow.hidden = false;
        closeWindow.focus();
      }
      window.close();
    });
  }
  if (step === "returned") {
    // The OAuth popup of an embedded Link: the frame continues; this window closes itself.
    setTimeout(function () { window.close(); }, 600);
  }
})();
