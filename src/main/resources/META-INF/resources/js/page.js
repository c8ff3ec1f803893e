// On every page: the browser's time zone goes to the server (a cookie), forms that destroy or redo something ask first
// (data-confirm), and logging out forgets the code
// drafts this browser kept (editor.js), so the next person at a shared lab machine finds nothing of the last one's.
(function () {
  "use strict";
  // Times are printed in the browser's zone: tell the server which one that is, unless the reader chose one on /zone.
  function cookie(name) {
    var found = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return found ? found[1] : null;
  }
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && cookie("tz-chosen") === null && cookie("tz") !== zone) {
      document.cookie = "tz=" + zone + "; path=/; max-age=31536000; samesite=lax";
    }
  } catch (e) { /* no Intl: times stay in UTC, and say so */ }
  document.addEventListener("DOMContentLoaded", function () {
    // A form that only carries a signed answer to another site (an LTI deep linking response) goes by itself.
    var autopost = document.querySelector("form[data-autopost]");
    if (autopost) { autopost.submit(); }
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        // data-confirm-value: ask only when the form's choice is that value (archiving, not saving a listing).
        var only = form.dataset.confirmValue;
        if (only && !Array.prototype.some.call(form.elements, function (e) { return e.tagName === "SELECT" && e.value === only; })) { return; }
        if (!window.confirm(form.dataset.confirm)) { event.preventDefault(); }
      });
    });
    var logout = document.querySelector("form[action='/logout']");
    if (!logout) { return; }
    logout.addEventListener("submit", function () {
      try {
        for (var i = window.localStorage.length - 1; i >= 0; i--) {
          var key = window.localStorage.key(i);
          if (key && key.indexOf("threadmark-draft:") === 0) { window.localStorage.removeItem(key); }
        }
      } catch (e) { /* no storage */ }
    });
  });
})();
