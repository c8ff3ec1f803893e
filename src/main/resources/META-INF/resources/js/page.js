// On every page: logging out forgets the code drafts this browser kept (editor.js), so the next person at a shared
// lab machine finds nothing of the last one's.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
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
