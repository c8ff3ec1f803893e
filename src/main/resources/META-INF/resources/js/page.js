// On every page: forms that destroy or redo something ask first (data-confirm), and logging out forgets the code
// drafts this browser kept (editor.js), so the next person at a shared lab machine finds nothing of the last one's.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
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
