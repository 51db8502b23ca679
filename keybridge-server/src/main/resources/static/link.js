/*
 * Keybridge Link for the browser.
 *
 *   <script src="https://keybridge.example.com/link.js"></script>
 *   const handler = KeybridgeLink.create({
 *     token: "lt_…",                          // from POST /link/token/create on your server
 *     display: "popup",                        // or "iframe"
 *     onSuccess: (publicToken, metadata) => {},
 *     onExit: (error, metadata) => {},        // error is null when the user just closed Link;
 *                                              // metadata.status says where they stopped
 *     onEvent: (eventName, metadata) => {},   // OPEN, SEARCH_APP, SELECT_APP, SUBMIT_CREDENTIALS, SUBMIT_MFA,
 *                                              // OPEN_OAUTH, CLOSE_OAUTH, ERROR, HANDOFF, EXIT
 *   });
 *   handler.open();                            // from a click handler (popup blockers); again after an exit:
 *                                              // the token works until one Link with it succeeds
 *   handler.exit();                            // closes Link (onExit follows); handler.destroy() closes silently
 *
 * iframe view: a close control on this page's side and Escape (also from inside the frame) end with onExit; a
 * frame that does not come up ends with onExit origin_not_allowed / frame_load_failed; OAuth providers (which
 * refuse to be framed) open in a popup from the frame, and the frame shows the result when the user is back.
 * Options: closeLabel ("Close"), frameReadyMs (1500), frameTimeoutMs (30000), resultTimeoutMs (600000).
 *
 * Messages are accepted only from the Keybridge origin this script was loaded from, and only from
 * the window Link runs in; Link posts only to this page's origin. docs/link.md lists events and codes.
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
    var onEvent = options.onEvent || function () {};
    var successPaneMs = options.successPaneMs === undefined ? 1500 : options.successPaneMs;
    var win = null, frame = null, overlay = null, finished = true, timer = null;
    var lastMetadata = {}, lastError = null, atProvider = false, pending = null;
    // iframe view: whether the frame said it is up, its load watchdog, and the poll of an OAuth popup opened from it.
    var ready = false, frameTimer = null, oauthPoll = null;

    function url() {
      return base + "/link?token=" + encodeURIComponent(options.token) +
        "&origin=" + encodeURIComponent(location.origin) + "&display=" + display;
    }

    function copy(m) {
      var out = {};
      Object.keys(m || {}).forEach(function (k) { out[k] = m[k]; });
      return out;
    }

    function event(name, metadata) {
      var m = copy(metadata);
      if (!m.timestamp) m.timestamp = new Date().toISOString();
      try { onEvent(name, m); } catch (e) { setTimeout(function () { throw e; }); }
    }

    function dispose(w, o) {
      if (o && o.parentNode) o.parentNode.removeChild(o);
      if (w && !w.closed) { try { w.close(); } catch (e) { /* ignore */ } }
    }

    function stopTimers() {
      if (timer) { clearInterval(timer); timer = null; }
      if (frameTimer) { clearTimeout(frameTimer); frameTimer = null; }
      if (oauthPoll) { clearTimeout(oauthPoll); oauthPoll = null; }
    }

    function cleanup() {
      window.removeEventListener("message", onMessage);
      stopTimers();
      dispose(win, overlay);
      overlay = null; frame = null; win = null;
    }

    function succeed(publicToken, metadata) {
      if (finished) return;
      finished = true;
      window.removeEventListener("message", onMessage);
      stopTimers();
      event("HANDOFF", metadata);
      onSuccess(publicToken, copy(metadata));
      // The success pane stays a moment (or until the host calls destroy/exit), then Link closes.
      var w = win, o = overlay;
      win = null; overlay = null; frame = null;
      pending = function () { dispose(w, o); };
      setTimeout(function () { if (pending) { pending(); pending = null; } }, successPaneMs);
    }

    function exit(error, metadata) {
      if (finished) return;
      finished = true;
      cleanup();
      var m = copy(metadata || lastMetadata);
      if (error && error.error_code) m.error_code = error.error_code;
      event("EXIT", m);
      onExit(error || null, m);
    }

    function onMessage(e) {
      if (e.origin !== base) return;
      var source = frame ? frame.contentWindow : win;
      if (e.source !== source) return;
      var m = e.data;
      if (!m || m.source !== "keybridge-link" || finished) return;
      ready = true;
      if (m.event === "oauth") {
        // The frame opened the provider in a popup (providers refuse to be framed): follow it through Keybridge.
        watchOAuth(Date.now() + (options.resultTimeoutMs || 600000), false);
      } else if (m.event === "event") {
        lastMetadata = copy(m.metadata);
        delete lastMetadata.timestamp;
        atProvider = m.name === "OPEN_OAUTH";
        if (m.name === "ERROR" && m.metadata && m.metadata.error_code) {
          lastError = { error_code: m.metadata.error_code, error_message: m.metadata.error_message };
        }
        event(m.name, m.metadata);
      } else if (m.event === "success") {
        succeed(m.public_token, m.metadata || {});
      } else if (m.event === "exit") {
        exit(m.error || null, m.metadata || lastMetadata);
      } else if (m.event === "error") {
        // Link shows the error; the user closes it, which ends with onExit(error).
        lastError = m.error || lastError;
        lastMetadata = copy(m.metadata || lastMetadata);
      }
    }

    // Keybridge's account of the flow, for a popup that the host can no longer see (closed, or cut off
    // by a provider's Cross-Origin-Opener-Policy). Pending flows are polled until they end, the Link
    // window reports it closed, or the deadline passes.
    function pollResult(deadline) {
      if (finished) return;
      fetch(base + "/link/result?token=" + encodeURIComponent(options.token), { credentials: "omit", cache: "no-store" })
        .then(function (r) { return r.json(); })
        .then(function (res) {
          if (finished) return;
          var metadata = res.metadata || lastMetadata;
          if (res.status === "success") {
            succeed(res.public_token, metadata);
          } else if (res.status === "error") {
            exit(res.error || null, metadata);
          } else if (res.status === "exit") {
            exit(null, metadata);
          } else if (res.status === "done") {
            exit({ error_code: "link_token_used", error_message: "This Link was already completed." }, metadata);
          } else if (res.status === "pending" && !res.closed && Date.now() < deadline) {
            setTimeout(function () { pollResult(deadline); }, 1500);
          } else if (res.status === "pending") {
            exit(lastError, metadata);
          } else {
            // An unknown token is a 404 in Keybridge's error shape: {error: "invalid_link_token", message}.
            var failure = typeof res.error === "string" ? { error_code: res.error, error_message: res.message } : res.error;
            exit(lastError || failure || { error_code: "invalid_link_token" }, lastMetadata);
          }
        })
        .catch(function () {
          if (!finished && Date.now() < deadline) setTimeout(function () { pollResult(deadline); }, 3000);
        });
    }

    function fetchResult() {
      return fetch(base + "/link/result?token=" + encodeURIComponent(options.token), { credentials: "omit", cache: "no-store" })
        .then(function (r) { return r.json(); });
    }

    // Tells the frame to show its session's current step again (after the OAuth popup moved it on).
    function refreshFrame() {
      if (frame && frame.contentWindow) frame.contentWindow.postMessage({ source: "keybridge-link-host", event: "refresh" }, base);
    }

    // iframe view, OAuth in a popup: the frame stays on its page while the provider runs in a popup that the
    // provider may cut off (Cross-Origin-Opener-Policy). Keybridge tells how the flow goes on; the frame then
    // shows it (the connected pane, or the form with the provider's error) and the host gets the popup view's events.
    function watchOAuth(deadline, authorizing) {
      if (oauthPoll) { clearTimeout(oauthPoll); oauthPoll = null; }
      if (finished) return;
      fetchResult().then(function (res) {
        if (finished) return;
        var metadata = res.metadata || lastMetadata;
        // Back from the provider: the flow ended, or it left "authorizing" after being seen there, or (a provider
        // that answered before the first look) it is on a step that shows the provider's error.
        var back = res.status !== "pending" || (authorizing && res.step !== "authorizing")
          || (res.step !== "authorizing" && !!(metadata && metadata.error_code));
        if (!back) {
          if (res.step === "authorizing" && !authorizing) refreshFrame();
          if (Date.now() < deadline) {
            oauthPoll = setTimeout(function () { watchOAuth(deadline, authorizing || res.step === "authorizing"); }, 1000);
          }
          return;
        }
        atProvider = false;
        event("CLOSE_OAUTH", metadata);
        refreshFrame();
        if (res.status === "success") succeed(res.public_token, metadata);
        else if (res.status === "done") exit({ error_code: "link_token_used", error_message: "This Link was already completed." }, metadata);
        else if (res.status === "exit") exit(null, metadata);
        // "error" and a form with an error: the frame shows it, the user closes Link (onExit) or tries again.
      }).catch(function () {
        if (!finished && Date.now() < deadline) oauthPoll = setTimeout(function () { watchOAuth(deadline, authorizing); }, 3000);
      });
    }

    // iframe view: a frame that never said it is up (refused by the page's origin, blocked, unreachable) ends
    // with onExit, never a dead overlay. Keybridge tells why when it knows (origin_not_allowed).
    function frameFailed() {
      frameTimer = null;
      if (finished || ready) return;
      var failed = { error_code: "frame_load_failed", error_message: "Link could not be shown in this page." };
      fetchResult().then(function (res) {
        if (finished || ready) return;
        if (res.status === "success") succeed(res.public_token, res.metadata || lastMetadata);
        else exit(res.status === "error" && res.error ? res.error : failed, res.metadata || lastMetadata);
      }).catch(function () {
        if (!finished && !ready) exit(failed, lastMetadata);
      });
    }

    function open() {
      if (!finished) {
        if (win && !win.closed) win.focus();
        return;
      }
      if (pending) { pending(); pending = null; }
      finished = false; atProvider = false; lastError = null; lastMetadata = {}; ready = false;
      window.addEventListener("message", onMessage);
      if (display === "popup") {
        var w = 460, h = 720;
        var left = Math.max(0, (screen.width - w) / 2), top = Math.max(0, (screen.height - h) / 2);
        win = window.open(url(), "keybridge-link-" + Date.now(), "popup,width=" + w + ",height=" + h + ",left=" + left + ",top=" + top);
        if (!win) { exit({ error_code: "popup_blocked", error_message: "The browser blocked the Link window." }, {}); return; }
        timer = setInterval(function () {
          if (win.closed && !finished) {
            clearInterval(timer); timer = null;
            if (atProvider) {
              // Gone to the provider: the window may only look closed (its opener was cut). Ask Keybridge.
              pollResult(Date.now() + (options.resultTimeoutMs || 600000));
            } else {
              exit(lastError, lastMetadata);
            }
          }
        }, 400);
      } else {
        overlay = document.createElement("div");
        overlay.setAttribute("role", "dialog");
        overlay.setAttribute("aria-modal", "true");
        overlay.setAttribute("aria-label", options.title || "Link");
        overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;background:rgba(0,0,0,.5);display:flex;align-items:center;justify-content:center";
        frame = document.createElement("iframe");
        frame.src = url();
        frame.title = options.title || "Connect an account";
        frame.style.cssText = "width:min(460px,100vw);height:min(720px,100vh);border:0;border-radius:12px;background:transparent";
        frame.addEventListener("load", function () {
          // Loaded but silent (e.g. refused to be framed): a moment for its message, then ask Keybridge why.
          if (!ready && !finished) {
            if (frameTimer) clearTimeout(frameTimer);
            frameTimer = setTimeout(frameFailed, options.frameReadyMs || 1500);
          }
        });
        frameTimer = setTimeout(frameFailed, options.frameTimeoutMs || 30000);
        // The host's own close control: it works whatever the frame shows (or fails to show).
        var close = document.createElement("button");
        close.type = "button";
        close.id = "keybridge-link-close";
        close.textContent = "\u2715";
        close.setAttribute("aria-label", options.closeLabel || "Close");
        close.title = options.closeLabel || "Close";
        close.style.cssText = "position:absolute;top:12px;right:12px;width:44px;height:44px;border:0;border-radius:22px;" +
          "background:#fff;color:#111;font:20px/44px system-ui,sans-serif;cursor:pointer;box-shadow:0 1px 4px rgba(0,0,0,.4)";
        close.addEventListener("click", function () { exit(lastError, lastMetadata); });
        overlay.appendChild(frame);
        overlay.appendChild(close);
        overlay.addEventListener("keydown", function (e) {
          if (e.key === "Escape") exit(lastError, lastMetadata);
        });
        document.body.appendChild(overlay);
        frame.focus();
      }
    }

    return {
      open: open,
      exit: function () { exit(null, lastMetadata); },
      destroy: function () {
        finished = true; cleanup();
        if (pending) { pending(); pending = null; }
      }
    };
  }

  global.KeybridgeLink = { create: create };
})(window);
