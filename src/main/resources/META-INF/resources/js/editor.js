// Turns every <textarea data-editor="java"> into a CodeMirror editor; without script the plain textarea still works.
(function () {
  "use strict";
  function upgrade(textarea) {
    var readOnly = textarea.dataset.readonly === "true";
    var editor = CodeMirror.fromTextArea(textarea, {
      mode: "text/x-java",
      lineNumbers: true,
      indentUnit: 4,
      tabSize: 4,
      matchBrackets: true,
      readOnly: readOnly,
      viewportMargin: Infinity,
      screenReaderLabel: textarea.getAttribute("aria-label") || (textarea.labels && textarea.labels[0] ? textarea.labels[0].textContent : "code"),
      extraKeys: {
        // Keyboard users must be able to leave the editor: Esc gives focus back to the page.
        "Esc": function (cm) { cm.getInputField().blur(); textarea.form ? textarea.form.querySelector("button[type=submit]").focus() : null; },
        "Tab": function (cm) { cm.execCommand(cm.somethingSelected() ? "indentMore" : "insertSoftTab"); }
      }
    });
    editor.getWrapperElement().dataset.file = textarea.id || textarea.getAttribute("aria-label");
    if (textarea.form) {
      textarea.form.addEventListener("submit", function () { editor.save(); });
    }
    return editor;
  }
  function jumpTo(editors, file, line) {
    var editor = editors[file];
    if (!editor) { return; }
    editor.focus();
    editor.setCursor({ line: Math.max(0, line - 1), ch: 0 });
    editor.addLineClass(line - 1, "background", "error-line");
    editor.getWrapperElement().scrollIntoView({ block: "center" });
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (typeof CodeMirror === "undefined") { return; }
    var editors = {};
    document.querySelectorAll("textarea[data-editor]").forEach(function (textarea) {
      editors[textarea.getAttribute("aria-label") || textarea.id] = upgrade(textarea);
    });
    document.querySelectorAll("a.goto[data-file]").forEach(function (link) {
      var editor = editors[link.dataset.file];
      if (editor) { editor.addLineClass(Number(link.dataset.line) - 1, "background", "error-line"); }
      link.addEventListener("click", function (event) {
        event.preventDefault();
        jumpTo(editors, link.dataset.file, Number(link.dataset.line));
      });
    });
  });
})();
