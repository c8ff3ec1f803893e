// Follows a submission's grading through server-sent events and shows the result as soon as it is graded.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("live-status");
    if (!box || typeof EventSource === "undefined") { return; }
    var text = document.getElementById("status-text");
    var events = new EventSource(box.dataset.events);
    events.onmessage = function (message) {
      var status = JSON.parse(message.data);
      box.dataset.status = status.status;
      if (status.provisional && box.dataset.shown !== "true") {
        // A busy machine left a test unmeasured: show the failures found so far while it waits.
        events.close();
        window.location.reload();
        return;
      }
      if (status.status === "WAITING") {
        text.textContent = box.dataset.waiting.replace("#", Math.max(1, Math.ceil((status.remeasureInSeconds || 0) / 60)));
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
