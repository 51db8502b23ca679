/*
 * Keybridge Link for the browser.
 *
 *   <script src="https://keybridge.example.com/link.js"></script>
 *   const handler = KeybridgeLink.create({
 *     token: "lt_…",                          // from POST /link/token/create on your server
 *     display: "popup",                        // or "iframe"
 *     onSuccess: (publicToken, metadata) => {},
 *     onExit: (error, metadata) => {},        // error is null when the user just closed Link
 *   });
 *   handler.open();                            // call it from a click handler (popup blockers)
 *
 * Messages are accepted only from the Keybridge origin this script was loaded from, and only from
 * the window Link runs in; Link posts only to this page's origin.
 */
(function (global) {
  "use strict";
  var script = document.currentScript;
  var base = script ? new URL(script.src, location.href).origin : location.origin;

  function create(options) {
    if (!options || !options.token) throw new Error("KeybridgeLink.create needs { token }");
    var display = options.display === "iframe" ? "iframe" : "popup";
    var onSuccess = options.onSuccess || function () {};
    var onExit = options.onExit || function () {};
    var win = null, frame = null, overlay = null, finished = false, timer = null;

    function url() {
      return base + "/link?token=" + encodeURIComponent(options.token) +
        "&origin=" + encodeURIComponent(location.origin) + "&display=" + display;
    }

    function cleanup() {
      window.removeEventListener("message", onMessage);
      if (timer) clearInterval(timer);
      if (overlay && overlay.parentNode) overlay.parentNode.removeChild(overlay);
      if (win && !win.closed) { try { win.close(); } catch (e) { /* ignore */ } }
    }

    function onMessage(e) {
      if (e.origin !== base) return;
      var source = frame ? frame.contentWindow : win;
      if (e.source !== source) return;
      var m = e.data;
      if (!m || m.source !== "keybridge-link" || finished) return;
      if (m.event === "success") {
        finished = true; cleanup();
        onSuccess(m.public_token, m.metadata || {});
      } else if (m.event === "exit") {
        finished = true; cleanup();
        onExit(m.error || null, m.metadata || {});
      } else if (m.event === "error") {
        // Link shows the error; the user closes it, which sends "exit" with the error.
      }
    }

    function pollResult(deadline) {
      if (finished) return;
      fetch(base + "/link/result?token=" + encodeURIComponent(options.token), { credentials: "omit", cache: "no-store" })
        .then(function (r) { return r.json(); })
        .then(function (res) {
          if (finished) return;
          if (res.status === "success") {
            finished = true; cleanup(); onSuccess(res.public_token, res.metadata || {});
          } else if (res.status === "error") {
            finished = true; cleanup(); onExit(res.error || null, res.metadata || {});
          } else if (res.status === "pending" && res.step === "authorizing" && Date.now() < deadline) {
            setTimeout(function () { pollResult(deadline); }, 1500);   // still at the provider
          } else {
            finished = true; cleanup(); onExit(null, Object.assign({ status: "closed" }, res.metadata || {}));
          }
        })
        .catch(function () {
          if (!finished && Date.now() < deadline) setTimeout(function () { pollResult(deadline); }, 3000);
        });
    }

    function open() {
      finished = false;
      window.addEventListener("message", onMessage);
      if (display === "popup") {
        var w = 460, h = 720;
        var left = Math.max(0, (screen.width - w) / 2), top = Math.max(0, (screen.height - h) / 2);
        win = window.open(url(), "keybridge-link", "popup,width=" + w + ",height=" + h + ",left=" + left + ",top=" + top);
        if (!win) { cleanup(); onExit({ error_code: "popup_blocked", error_message: "The browser blocked the Link window." }, {}); return; }
        timer = setInterval(function () {
          if (win.closed && !finished) {
            clearInterval(timer); timer = null;
            // Closed, or only cut off: a provider's Cross-Origin-Opener-Policy severs window.opener
            // (and makes the popup look closed). Ask Keybridge how the flow ended.
            pollResult(Date.now() + (options.resultTimeoutMs || 600000));
          }
        }, 500);
      } else {
        overlay = document.createElement("div");
        overlay.setAttribute("role", "dialog");
        overlay.setAttribute("aria-modal", "true");
        overlay.setAttribute("aria-label", "Connect an account");
        overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;background:rgba(0,0,0,.5);display:flex;align-items:center;justify-content:center";
        frame = document.createElement("iframe");
        frame.src = url();
        frame.title = "Connect an account";
        frame.style.cssText = "width:min(460px,100vw);height:min(720px,100vh);border:0;border-radius:8px;background:#fff";
        overlay.appendChild(frame);
        overlay.addEventListener("keydown", function (e) {
          if (e.key === "Escape" && !finished) { finished = true; cleanup(); onExit(null, { status: "closed" }); }
        });
        document.body.appendChild(overlay);
        frame.focus();
      }
    }

    return { open: open, destroy: function () { finished = true; cleanup(); } };
  }

  global.KeybridgeLink = { create: create };
})(window);
