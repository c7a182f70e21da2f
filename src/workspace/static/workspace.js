// The workspace's script: the live preview of the page as it is typed, a warning before leaving
// unsaved changes, and the first screen kept up to date when files change. Every page works
// without it: the forms post plainly.
(function () {
  "use strict";
  var body = document.body;

  // Reload what shows the site when a new version of it is built, whoever changed the files.
  function follow(onChange) {
    if (!window.EventSource) return;
    var seen = null;
    var events = new EventSource("/__ashyq/events");
    events.addEventListener("reload", function (e) {
      if (seen !== null && e.data !== seen) onChange();
      seen = e.data;
    });
  }

  var status = document.getElementById("ws-status");
  // A Word document dropped on an analysis is brought into it (its form is sent as if the file
  // had been chosen in it).
  if (status) {
    document.addEventListener("dragover", function (e) { e.preventDefault(); });
    document.addEventListener("drop", function (e) {
      e.preventDefault();
      var section = (e.target.closest && e.target.closest(".ws-analysis")) || document.querySelector(".ws-analysis");
      var form = section && section.querySelector(".ws-import");
      var input = form && form.querySelector("input[type=file]");
      if (!input || !e.dataTransfer || !e.dataTransfer.files.length) return;
      input.files = e.dataTransfer.files;
      form.requestSubmit();
    });
  }
  if (status) {
    follow(function () {
      fetch("/_ashyq/", { credentials: "same-origin" }).then(function (r) { return r.text(); }).then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("ws-status");
        if (fresh) status.innerHTML = fresh.innerHTML;
      });
    });
  }

  // A file dropped anywhere on a document's page is attached to it (the attach form is sent as
  // if the file had been chosen in it).
  var attach = document.getElementById("ws-attach");
  var chooser = document.getElementById("ws-attach-file");
  if (attach && chooser) {
    document.addEventListener("dragover", function (e) { e.preventDefault(); attach.classList.add("ws-drop"); });
    document.addEventListener("dragleave", function () { attach.classList.remove("ws-drop"); });
    document.addEventListener("drop", function (e) {
      e.preventDefault();
      attach.classList.remove("ws-drop");
      if (!e.dataTransfer || !e.dataTransfer.files.length) return;
      chooser.files = e.dataTransfer.files;
      attach.requestSubmit();
    });
  }

  var form = document.getElementById("ws-doc");
  if (!form) return;
  var frame = document.getElementById("ws-frame");
  var state = document.getElementById("ws-save-state");
  var realPage = frame ? frame.getAttribute("src") : null;
  var dirty = false, submitting = false, timer = null, asked = 0;

  // A finding at a line of the text: the caret goes there.
  // A finding at a field: the field is shown (its id is in the address's #); at a line of the
  // text: the caret goes to that line.
  var line = parseInt(form.getAttribute("data-line") || "", 10);
  var bodyLine = parseInt(form.getAttribute("data-body-line") || "1", 10);
  var text = document.getElementById("body");
  var marked = document.querySelector(".ws-focus");
  if (marked) {
    var first = marked.querySelector("input, textarea, select");
    (first || marked).focus();
  } else if (line >= bodyLine && text) {
    var lines = text.value.split("\n"), at = 0;
    for (var i = 0; i < Math.min(lines.length, line - bodyLine); i++) at += lines[i].length + 1;
    text.focus();
    text.setSelectionRange(at, at);
    // The caret's line scrolled into view: a line's height times the lines above it.
    text.scrollTop = Math.max(0, (line - bodyLine - 3) * parseFloat(getComputedStyle(text).lineHeight || "20"));
  }

  function showErrors(fields, general) {
    form.querySelectorAll(".ws-live-error").forEach(function (e) { e.remove(); });
    Object.keys(fields || {}).forEach(function (key) {
      var field = document.getElementById("f-" + key);
      if (!field) return;
      fields[key].forEach(function (m) {
        var p = document.createElement("p");
        p.className = "ws-field-error ws-live-error";
        p.textContent = m;
        field.appendChild(p);
      });
    });
    (general || []).forEach(function (m) {
      var p = document.createElement("p");
      p.className = "ws-field-error ws-live-error";
      p.textContent = m;
      form.insertBefore(p, form.firstChild);
    });
  }

  function preview() {
    var n = ++asked;
    if (state) state.textContent = body.getAttribute("data-updating");
    fetch(form.getAttribute("data-preview"), {
      method: "POST",
      credentials: "same-origin",
      body: new URLSearchParams(new FormData(form))
    }).then(function (r) { return r.json().then(function (j) { return [r.status, j]; }); }).then(function (res) {
      if (n !== asked) return;
      if (state) state.textContent = body.getAttribute("data-unsaved");
      if (res[0] === 200 && frame) { frame.src = res[1].url; showErrors({}, []); }
      else showErrors(res[1].fields, res[1].general);
    }).catch(function () { if (state) state.textContent = body.getAttribute("data-unsaved"); });
  }

  form.addEventListener("input", function () {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(preview, 400);
  });
  form.addEventListener("submit", function () { submitting = true; });
  window.addEventListener("beforeunload", function (e) {
    if (dirty && !submitting) { e.preventDefault(); e.returnValue = ""; return ""; }
  });
  // The page as saved, once the site is built again (the frame cannot follow the site itself:
  // it is sandboxed away from the workspace).
  if (frame) follow(function () { if (!dirty) frame.src = realPage; });
})();
