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
  // (delegated: the picker's search adds app forms after the page loaded)
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form || !form.matches || !form.matches("form[method=post]")) return;
    (function () {
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
    })();
  });

  // ---- search: the server detects the app (name, keyword, login page or e-mail domain) over every app enabled here,
  // so the page lists only the first apps however many there are; a note names a catalogue app not available here.
  var q = document.getElementById("q");
  var list = document.getElementById("apps");
  if (q && list && handle) {
    var hint = document.getElementById("detect-hint");
    var none = document.getElementById("no-match");
    var more = document.getElementById("more-apps");
    var category = list.getAttribute("data-category");
    var searchTimer = null, fetchTimer = null, asked = 0, missed = {};
    var card = function (a) {
      var li = document.createElement("li");
      var form = document.createElement("form");
      form.method = "post";
      form.action = "/link/s/" + handle + "/select" + (location.hash.length > 1 ? location.hash : "");
      var slug = document.createElement("input");
      slug.type = "hidden"; slug.name = "slug"; slug.value = a.slug;
      var button = document.createElement("button");
      button.type = "submit"; button.className = "app";
      button.setAttribute("data-slug", a.slug);
      var logo;
      if (a.logo) {
        logo = document.createElement("img");
        logo.src = a.logo; logo.alt = ""; logo.width = 32; logo.height = 32; logo.loading = "lazy";
        logo.className = "logo";
      } else {
        logo = document.createElement("span");
        logo.setAttribute("aria-hidden", "true");
        logo.className = "monogram logo";
        logo.textContent = a.initial;
      }
      var name = document.createElement("span");
      name.className = "name";
      name.textContent = a.name;
      button.appendChild(logo); button.appendChild(name);
      form.appendChild(slug); form.appendChild(button);
      li.appendChild(form);
      return li;
    };
    var show = function (text, answer) {
      while (list.firstChild) list.removeChild(list.firstChild);
      answer.apps.forEach(function (a) { list.appendChild(card(a)); });
      if (more) more.hidden = !!text;
      if (hint) hint.textContent = text && answer.apps.length ? format(attr("data-msg-detected"), answer.apps[0].name) : "";
      if (none) {
        none.textContent = answer.note || "";
        none.hidden = !answer.note;
      }
    };
    var search = function () {
      var text = q.value.trim();
      var mine = ++asked;
      var url = "/link/s/" + handle + "/apps?q=" + encodeURIComponent(text) + (category ? "&category=" + encodeURIComponent(category) : "");
      fetch(url, { headers: { accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (answer) { if (answer && mine === asked) show(text, answer); })
        .catch(function () { /* the list stays as it was; the form still searches without the script */ });
    };
    q.addEventListener("input", function () {
      clearTimeout(fetchTimer);
      fetchTimer = setTimeout(search, 120);
      clearTimeout(searchTimer);
      var text = q.value.trim();
      if (text) searchTimer = setTimeout(function () {
        emit("SEARCH_APP", { search_query: text });
        // Apps your users looked for: a settled search that found nothing is counted once per term (the
        // server checks the miss itself).
        var key = text.toLowerCase();
        if (none && !none.hidden && key.length >= 2 && !missed[key] && navigator.sendBeacon) {
          missed[key] = true;
          var body = new FormData();
          body.append("q", text);
          navigator.sendBeacon("/link/s/" + handle + "/missed", body);
        }
      }, 600);
    });
    q.form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(fetchTimer);
      search();
      var first = list.querySelector("li button");
      if (first) first.focus();
    });
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
