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
  // Unsent code is kept in this browser per user and exercise, and comes back when the page is opened again, unless
  // the reader asked for other code (a submission, the starter). Sending it forgets it, and so does logging out
  // (page.js).
  var DRAFTS = "threadmark-draft:";
  function keepDrafts(form, editors) {
    var store;
    try { store = window.localStorage; } catch (e) { return; }
    if (!store || !form.dataset.draft) { return; }
    var prefix = DRAFTS + form.dataset.draft + ":";
    var files = Object.keys(editors);
    var forgotten = false;
    var forget = function () {
      forgotten = true;
      files.forEach(function (file) { store.removeItem(prefix + file); });
    };
    if (form.hasAttribute("data-restore-draft")) {
      var restored = false;
      files.forEach(function (file) {
        var draft = store.getItem(prefix + file);
        if (draft !== null && draft !== editors[file].getValue()) {
          editors[file].setValue(draft);
          restored = true;
        }
      });
      var note = document.getElementById("draft-note");
      if (restored && note) { note.hidden = false; }
    }
    files.forEach(function (file) {
      var timer = null;
      var save = function () {
        timer = null;
        if (forgotten) { return; }
        try { store.setItem(prefix + file, editors[file].getValue()); } catch (e) { /* full or refused: the page still works */ }
      };
      editors[file].on("change", function () {
        clearTimeout(timer);
        timer = setTimeout(save, 300);
      });
      // A tab closed within the pause after the last keystroke keeps that keystroke too.
      window.addEventListener("pagehide", function () { if (timer !== null) { clearTimeout(timer); save(); } });
    });
    form.addEventListener("submit", forget);
    document.querySelectorAll("[data-discard-draft]").forEach(function (link) { link.addEventListener("click", forget); });
  }
  // A test's message that names a line of the student's own code ("at Counter.increment(Counter.java:12)", a thread
  // waiting at Bank.java:40) links that line, which is highlighted in the code below.
  function linkLines(pre, editors) {
    var pattern = /([A-Za-z_$][\w$]*\.java):(\d+)/g;
    var text = pre.textContent;
    var fragment = document.createDocumentFragment();
    var last = 0;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      if (!editors[match[1]]) { continue; }
      fragment.appendChild(document.createTextNode(text.slice(last, match.index)));
      var link = document.createElement("a");
      link.href = "#file-" + match[1];
      link.className = "goto";
      link.dataset.file = match[1];
      link.dataset.line = match[2];
      link.textContent = match[0];
      fragment.appendChild(link);
      last = match.index + match[0].length;
    }
    if (last === 0) { return; }
    fragment.appendChild(document.createTextNode(text.slice(last)));
    pre.textContent = "";
    pre.appendChild(fragment);
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (typeof CodeMirror === "undefined") { return; }
    var editors = {};
    document.querySelectorAll("textarea[data-editor]").forEach(function (textarea) {
      editors[textarea.getAttribute("aria-label") || textarea.id] = upgrade(textarea);
    });
    var form = document.getElementById("submit-form");
    if (form) {
      var mine = {};
      form.querySelectorAll("textarea[data-editor]").forEach(function (textarea) {
        mine[textarea.dataset.file || textarea.id] = editors[textarea.getAttribute("aria-label") || textarea.id];
      });
      keepDrafts(form, mine);
    }
    document.querySelectorAll("pre.message").forEach(function (pre) { linkLines(pre, editors); });
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
