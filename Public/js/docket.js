// Warns a signed-in person two minutes before the inactivity time-out and lets them stay signed
// in without losing the page. Everything still works without this script.
(function () {
  "use strict";
  var body = document.body;
  var limit = parseInt(body.getAttribute("data-idle-seconds") || "0", 10);
  var csrf = body.getAttribute("data-csrf");
  var box = document.getElementById("idle-warning");
  if (!limit || !csrf || !box) { return; }
  var warnAfter = Math.max(limit - 120, limit / 2) * 1000;
  var timer = null;
  var expiry = null;

  function schedule() {
    clearTimeout(timer);
    clearTimeout(expiry);
    timer = setTimeout(function () {
      box.hidden = false;
      var button = document.getElementById("idle-stay");
      if (button) { button.focus(); }
    }, warnAfter);
    expiry = setTimeout(function () {
      window.location.href = "/sign-in?expired=1&next=" + encodeURIComponent(window.location.pathname);
    }, limit * 1000 + 1000);
  }

  box.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    fetch("/session/extend", { method: "POST", headers: { "X-CSRF-Token": csrf }, credentials: "same-origin" })
      .then(function (response) {
        if (response.ok) { box.hidden = true; schedule(); }
        else { window.location.href = "/sign-in?expired=1"; }
      });
  });
  schedule();
})();
