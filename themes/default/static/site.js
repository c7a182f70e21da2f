// Comfort only: every page is complete without this file. It runs the version for the visually
// impaired (its choice is kept in localStorage; the tiny script in <head> applies it before the
// first paint, this one changes it) and the print button.
(function () {
  "use strict";
  var KEY = "vi-settings";
  var FIELDS = ["scheme", "size", "letters", "lines"];
  var DEFAULTS = { scheme: "bw", size: "1", letters: "0", lines: "0" };
  var root = document.documentElement;
  var each = function (selector, fn) { Array.prototype.forEach.call(document.querySelectorAll(selector), fn); };

  function read() {
    try {
      var v = JSON.parse(localStorage.getItem(KEY));
      return v && v.scheme ? v : null;
    } catch (e) {
      return null;
    }
  }

  function save(v) {
    try {
      if (v) localStorage.setItem(KEY, JSON.stringify(v)); else localStorage.removeItem(KEY);
    } catch (e) { /* private mode: the choice lasts for this page only */ }
  }

  function apply(v) {
    if (v) root.setAttribute("data-vi", ""); else root.removeAttribute("data-vi");
    FIELDS.forEach(function (k) {
      if (v) root.setAttribute("data-vi-" + k, String(v[k])); else root.removeAttribute("data-vi-" + k);
    });
    each(".vi-toggle", function (b) { b.setAttribute("aria-pressed", String(!!v)); });
    each(".vi-panel", function (p) { p.hidden = !v; });
    each("[data-vi-set]", function (b) {
      var kv = b.getAttribute("data-vi-set").split("=");
      b.setAttribute("aria-pressed", String(!!v && String(v[kv[0]]) === kv[1]));
    });
  }

  function set(v) {
    save(v);
    apply(v);
  }

  each(".vi-toggle", function (b) {
    b.hidden = false;
    b.addEventListener("click", function () {
      var v = read();
      set(v ? null : Object.assign({}, DEFAULTS));
    });
  });
  each("[data-vi-set]", function (b) {
    b.addEventListener("click", function () {
      var kv = b.getAttribute("data-vi-set").split("=");
      var v = read() || Object.assign({}, DEFAULTS);
      v[kv[0]] = kv[1];
      set(v);
    });
  });
  each(".vi-off", function (b) {
    b.addEventListener("click", function () {
      set(null);
      var toggle = document.querySelector(".vi-toggle");
      if (toggle) toggle.focus();
    });
  });
  each("[data-print]", function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  });
  apply(read());
})();
