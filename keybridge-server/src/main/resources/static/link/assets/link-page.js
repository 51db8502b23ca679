// The hosted Link page: live search with detection, and the hand-off to the embedding page.
(function () {
  "use strict";
  var root = document.getElementById("kb-link");
  if (!root) return;

  // ---- search and detection (the server also filters when JavaScript is off)
  var q = document.getElementById("q");
  var list = document.getElementById("apps");
  if (q && list) {
    var hint = document.getElementById("detect-hint");
    var none = document.getElementById("no-match");
    var hostOf = function (text) {
      var s = text.trim().toLowerCase();
      var at = s.lastIndexOf("@");
      if (at >= 0) s = s.slice(at + 1);
      var scheme = s.indexOf("://");
      if (scheme >= 0) s = s.slice(scheme + 3);
      s = s.split(/[\/?#:]/)[0];
      return s.indexOf(".") > 0 && s.indexOf(" ") < 0 ? s : null;
    };
    var filter = function () {
      var text = q.value.trim().toLowerCase();
      var host = hostOf(text);
      var shown = 0, best = null;
      Array.prototype.forEach.call(list.children, function (li) {
        var domains = (li.getAttribute("data-domains") || "").split(" ").filter(Boolean);
        var terms = (li.getAttribute("data-terms") || "").toLowerCase();
        var byDomain = host && domains.some(function (d) { return host === d || host.endsWith("." + d); });
        var match = !text || byDomain || terms.indexOf(text) >= 0;
        li.hidden = !match;
        if (match) shown++;
        if (byDomain && !best) best = li;
      });
      if (best) list.insertBefore(best, list.firstChild);
      if (hint) hint.textContent = best ? "Detected: " + best.querySelector(".name").textContent : "";
      if (none) none.hidden = shown > 0;
    };
    q.addEventListener("input", filter);
    q.form.addEventListener("submit", function (e) {
      e.preventDefault();
      filter();
      var first = Array.prototype.find.call(list.children, function (li) { return !li.hidden; });
      if (first) first.querySelector("button").focus();
    });
    filter();
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

  // ---- result hand-off: postMessage to the embedding page's origin only
  var event = root.getAttribute("data-event");
  var origin = root.getAttribute("data-origin");
  var target = window.opener || (window.parent !== window ? window.parent : null);
  var close = document.getElementById("close");
  if (event && event !== "done" && origin && target) {
    var metadata = {};
    try { metadata = JSON.parse(root.getAttribute("data-metadata") || "{}"); } catch (e) { /* keep empty */ }
    var message = { source: "keybridge-link", event: event, metadata: metadata };
    if (event === "success") message.public_token = root.getAttribute("data-public-token");
    if (event === "error") message.error = { error_code: metadata.error_code, error_message: metadata.error_message };
    target.postMessage(message, origin);
    var closing = document.getElementById("closing");
    if (closing) closing.hidden = false;
    if (window.opener && event !== "error") setTimeout(function () { window.close(); }, 300);
    if (event === "error" && close) {
      close.hidden = false;
      close.addEventListener("click", function () {
        target.postMessage({ source: "keybridge-link", event: "exit", error: message.error, metadata: metadata }, origin);
        if (window.opener) window.close();
      });
    }
  }
})();
