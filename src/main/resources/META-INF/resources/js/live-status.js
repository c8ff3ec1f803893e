// Follows a submission's grading through server-sent events and shows the result as soon as it is graded.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("live-status");
    if (!box || typeof EventSource === "undefined") { return; }
    var text = document.getElementById("status-text");
    var events = new EventSource(box.dataset.events);
    // The server sends a status only when it changes: the minutes until a re-measurement are counted down here.
    var remeasureAt = null;
    var showWaiting = function () {
      var seconds = Math.max(0, (remeasureAt - Date.now()) / 1000);
      text.textContent = box.dataset.waiting.replace("#", Math.max(1, Math.ceil(seconds / 60)));
    };
    setInterval(function () { if (remeasureAt !== null) { showWaiting(); } }, 15000);
    events.onmessage = function (message) {
      var status = JSON.parse(message.data);
      box.dataset.status = status.status;
      if (status.provisional && box.dataset.shown !== "true") {
        // A busy machine left a test unmeasured: show the failures found so far while it waits.
        events.close();
        window.location.reload();
        return;
      }
      remeasureAt = null;
      if (status.status === "WAITING") {
        remeasureAt = Date.now() + 1000 * (status.remeasureInSeconds || 0);
        showWaiting();
      } else if (status.status === "QUEUED") {
        text.textContent = (status.queuePosition > 0
          ? box.dataset.queuedAhead.replace("#", status.queuePosition) : box.dataset.queued)
          + (status.estimatedWaitSeconds != null ? " " + box.dataset.wait.replace("#", status.estimatedWaitSeconds) : "");
      } else if (status.status === "RUNNING") {
        text.textContent = status.provisional ? box.dataset.remeasuring : box.dataset.running;
      } else {
        text.textContent = box.dataset.done;
        events.close();
        window.location.reload();
      }
    };
    events.onerror = function () {
      if (events.readyState === EventSource.CLOSED) { text.textContent = box.dataset.lost; }
    };
  });
})();
