/* Hearth idle-session warning.
 *
 * The server ends a session after SESSION_COOKIE_AGE seconds without a request. This script shows a
 * warning shortly before that, lets the user stay signed in (a keepalive request restarts the
 * server's clock), and signs out at the end so a shared screen does not keep showing client data.
 * Tabs share the time of the last request through localStorage, so work in one tab keeps the others.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var idle = parseInt(script.dataset.idleSeconds, 10) * 1000;
  var warnBefore = parseInt(script.dataset.warningSeconds, 10) * 1000;
  var keepaliveUrl = script.dataset.keepaliveUrl;
  var signInUrl = script.dataset.signInUrl;
  if (!idle || idle <= warnBefore) { return; }
  var KEY = "hearth-last-request";
  var dialog = null;
  var countdown = null;
  var tick = null;
  var lastFocus = null;

  function now() { return Date.now(); }
  function lastRequest() {
    var stored = parseInt(window.localStorage.getItem(KEY) || "0", 10);
    return Math.max(stored, loadedAt);
  }
  function markRequest() {
    try { window.localStorage.setItem(KEY, String(now())); } catch (e) { /* private mode */ }
    loadedAt = now();
    hideWarning();
  }
  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; }
    catch (e) { return ""; }
  }
  function format(ms) {
    var s = Math.max(0, Math.round(ms / 1000));
    var m = Math.floor(s / 60);
    var r = s % 60;
    return m + ":" + (r < 10 ? "0" : "") + r;
  }
  function build() {
    dialog = document.createElement("div");
    dialog.className = "idle-warning";
    dialog.setAttribute("role", "alertdialog");
    dialog.setAttribute("aria-modal", "true");
    dialog.setAttribute("aria-labelledby", "idle-warning-title");
    dialog.setAttribute("aria-describedby", "idle-warning-text");
    dialog.hidden = true;
    dialog.innerHTML =
      '<div class="idle-warning-box">' +
      '<h2 id="idle-warning-title">Are you still there?</h2>' +
      '<p id="idle-warning-text">To protect client information you will be signed out in ' +
      '<strong class="idle-countdown" aria-live="off"></strong>.</p>' +
      '<div class="idle-warning-buttons">' +
      '<button type="button" class="button idle-stay">Stay signed in</button> ' +
      '<button type="button" class="link-button idle-leave">Sign out now</button>' +
      "</div></div>";
    document.body.appendChild(dialog);
    countdown = dialog.querySelector(".idle-countdown");
    dialog.querySelector(".idle-stay").addEventListener("click", stay);
    dialog.querySelector(".idle-leave").addEventListener("click", signOut);
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { stay(); }
      if (event.key === "Tab") {  // keep focus inside the dialog
        var buttons = dialog.querySelectorAll("button");
        var first = buttons[0], last = buttons[buttons.length - 1];
        if (event.shiftKey && document.activeElement === first) { last.focus(); event.preventDefault(); }
        else if (!event.shiftKey && document.activeElement === last) { first.focus(); event.preventDefault(); }
      }
    });
  }
  function showWarning(remaining) {
    if (!dialog) { build(); }
    countdown.textContent = format(remaining);
    if (dialog.hidden) {
      lastFocus = document.activeElement;
      dialog.hidden = false;
      dialog.querySelector(".idle-stay").focus();
    }
  }
  function hideWarning() {
    if (dialog && !dialog.hidden) {
      dialog.hidden = true;
      if (lastFocus && lastFocus.focus) { lastFocus.focus(); }
    }
  }
  function stay() {
    var request = new XMLHttpRequest();
    request.open("POST", keepaliveUrl);
    request.setRequestHeader("X-CSRFToken", csrfToken());
    request.onload = function () {
      if (request.status < 400) { markRequest(); } else { signOut(); }
    };
    request.send();
  }
  function signOut() {
    window.clearInterval(tick);
    var form = document.querySelector("form.sign-out");
    if (form) {
      var next = document.createElement("input");
      next.type = "hidden";
      next.name = "next";
      next.value = signInUrl;
      form.appendChild(next);
      form.submit();
    } else {
      window.location.assign(signInUrl);
    }
  }
  function check() {
    var remaining = lastRequest() + idle - now();
    // Sign out a moment early, while the server still knows the session.
    if (remaining <= 1500) { signOut(); }
    else if (remaining <= warnBefore) { showWarning(remaining); }
    else { hideWarning(); }
  }

  var loadedAt = now();
  markRequest();
  document.body.addEventListener("htmx:afterRequest", markRequest);
  window.addEventListener("storage", function (event) { if (event.key === KEY) { check(); } });
  tick = window.setInterval(check, 1000);
})();
