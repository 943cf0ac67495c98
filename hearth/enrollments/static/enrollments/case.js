/* Case management pages: dependent questions, signature pad, location, roster filter.
   Every page works without this script; it only hides questions that do not apply and adds
   conveniences. The server applies HUD's rules either way. */
(function () {
  "use strict";

  function valueOf(form, name) {
    var controls = (form || document).querySelectorAll('[name="' + name + '"]');
    for (var i = 0; i < controls.length; i++) {
      var c = controls[i];
      if (c.type === "checkbox" || c.type === "radio") {
        if (c.checked) return c.value || "on";
      } else {
        return c.value;
      }
    }
    return "";
  }

  function applyDependencies() {
    document.querySelectorAll("[data-show-when]").forEach(function (el) {
      var form = el.closest("form");
      var wanted = (el.getAttribute("data-show-values") || "").split(",");
      var show = wanted.indexOf(valueOf(form, el.getAttribute("data-show-when"))) !== -1;
      el.hidden = !show;
    });
  }

  function setUpSignaturePads() {
    document.querySelectorAll("[data-signature-pad]").forEach(function (pad) {
      var canvas = pad.querySelector("canvas");
      var input = pad.querySelector('input[name="signature"]');
      var ctx = canvas.getContext("2d");
      var drawing = false;
      var drawn = false;
      ctx.lineWidth = 3;
      ctx.lineCap = "round";
      ctx.strokeStyle = "#1b1f24";

      function point(event) {
        var box = canvas.getBoundingClientRect();
        return {
          x: (event.clientX - box.left) * (canvas.width / box.width),
          y: (event.clientY - box.top) * (canvas.height / box.height),
        };
      }
      canvas.addEventListener("pointerdown", function (event) {
        drawing = true;
        canvas.setPointerCapture(event.pointerId);
        var p = point(event);
        ctx.beginPath();
        ctx.moveTo(p.x, p.y);
        event.preventDefault();
      });
      canvas.addEventListener("pointermove", function (event) {
        if (!drawing) return;
        var p = point(event);
        ctx.lineTo(p.x, p.y);
        ctx.stroke();
        drawn = true;
        event.preventDefault();
      });
      function finish() {
        if (!drawing) return;
        drawing = false;
        if (drawn) input.value = canvas.toDataURL("image/png");
      }
      canvas.addEventListener("pointerup", finish);
      canvas.addEventListener("pointercancel", finish);
      var clear = pad.querySelector("[data-signature-clear]");
      if (clear) {
        clear.addEventListener("click", function () {
          ctx.clearRect(0, 0, canvas.width, canvas.height);
          input.value = "";
          drawn = false;
        });
      }
    });
  }

  function setUpLocate() {
    document.querySelectorAll("[data-locate]").forEach(function (button) {
      var target = document.getElementById(button.getAttribute("data-locate"));
      var status = document.querySelector("[data-locate-status]");
      if (!("geolocation" in navigator)) {
        button.hidden = true;
        return;
      }
      button.addEventListener("click", function () {
        if (status) status.textContent = "Finding your location…";
        navigator.geolocation.getCurrentPosition(
          function (pos) {
            var text = pos.coords.latitude.toFixed(5) + ", " + pos.coords.longitude.toFixed(5) +
              " (±" + Math.round(pos.coords.accuracy) + " m)";
            target.value = target.value ? target.value + "; " + text : text;
            if (status) status.textContent = "Location added.";
          },
          function () {
            if (status) status.textContent = "Location unavailable: describe the place instead.";
          },
          { enableHighAccuracy: true, timeout: 10000 }
        );
      });
    });
  }

  function setUpRosterFilter() {
    var filter = document.querySelector("[data-roster-filter]");
    if (!filter) return;
    filter.addEventListener("input", function () {
      var q = filter.value.trim().toLowerCase();
      document.querySelectorAll("tr[data-guest]").forEach(function (row) {
        row.hidden = q !== "" && row.getAttribute("data-guest").indexOf(q) === -1;
      });
    });
  }

  function recount() {
    var counter = document.querySelector("[data-checked-count]");
    if (counter) counter.textContent = document.querySelectorAll("tr[data-guest] .status-done").length;
  }

  document.addEventListener("change", applyDependencies);
  document.addEventListener("input", applyDependencies);
  document.addEventListener("htmx:afterSwap", function () {
    applyDependencies();
    recount();
  });
  document.addEventListener("DOMContentLoaded", function () {
    applyDependencies();
    setUpSignaturePads();
    setUpLocate();
    setUpRosterFilter();
  });
})();
