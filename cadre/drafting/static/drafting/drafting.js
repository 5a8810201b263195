// Drafting helpers. Progressive: every form works without this file.
// 1. A text being typed is kept in this browser until the server confirms it is saved, and offered back
//    after a dropped connection or a closed tab.
// 2. Selecting a passage of a section fills in the passage of the comment and suggestion forms.
(function () {
  "use strict";

  var store = {
    get: function (key) {
      try { return JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { return null; }
    },
    set: function (key, value) {
      try { window.localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* storage full or off */ }
    },
    remove: function (key) {
      try { window.localStorage.removeItem(key); } catch (e) { /* nothing to do */ }
    }
  };

  function setupDraft(form) {
    var key = form.getAttribute("data-draft-key");
    var title = form.querySelector("[name=title]");
    var body = form.querySelector("[name=body]");
    var base = form.querySelector("[name=base_revision]");
    if (!key || !body) { return; }
    var notice = document.querySelector("[data-draft-notice]");
    var kept = store.get(key);
    if (kept && notice && (kept.body !== body.value || (title && kept.title !== title.value))) {
      notice.hidden = false;
      notice.querySelector("[data-draft-restore]").addEventListener("click", function () {
        body.value = kept.body;
        if (title && kept.title) { title.value = kept.title; }
        // The restored text was written from an older revision: the server merges it as such.
        if (base && kept.base) { base.value = kept.base; }
        notice.hidden = true;
        body.focus();
      });
      notice.querySelector("[data-draft-discard]").addEventListener("click", function () {
        store.remove(key);
        notice.hidden = true;
      });
    }
    var timer = null;
    function keep() {
      store.set(key, {
        title: title ? title.value : "",
        body: body.value,
        base: base ? base.value : "",
        at: new Date().toISOString()
      });
    }
    form.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(keep, 400);
    });
    form.addEventListener("submit", keep);
  }

  function forgetSavedDraft() {
    // The server redirects to the section with ?saved=N only after a save went through.
    var params = new URLSearchParams(window.location.search);
    var article = document.querySelector("[data-draft-key]");
    if (!params.has("saved") || !article) { return; }
    store.remove(article.getAttribute("data-draft-key"));
    params.delete("saved");
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  }

  function sourceText() {
    var node = document.getElementById("section-source");
    if (!node) { return ""; }
    try { return JSON.parse(node.textContent); } catch (e) { return ""; }
  }

  function closestOccurrence(source, quote, ratio) {
    var best = -1, bestDistance = Infinity, target = ratio * source.length;
    var position = source.indexOf(quote);
    while (position !== -1) {
      var distance = Math.abs(position - target);
      if (distance < bestDistance) { best = position; bestDistance = distance; }
      position = source.indexOf(quote, position + 1);
    }
    return best;
  }

  function captureSelection() {
    var container = document.getElementById("section-body");
    var selection = window.getSelection();
    if (!container || !selection || selection.isCollapsed || !selection.rangeCount) { return; }
    var range = selection.getRangeAt(0);
    if (!container.contains(range.commonAncestorContainer)) { return; }
    var quote = selection.toString().replace(/\s+$/, "").replace(/^\s+/, "");
    if (!quote) { return; }
    var before = document.createRange();
    before.selectNodeContents(container);
    before.setEnd(range.startContainer, range.startOffset);
    var ratio = before.toString().length / Math.max(1, container.textContent.length);
    var source = sourceText();
    var start = closestOccurrence(source, quote, ratio);
    document.querySelectorAll(".anchor-form").forEach(function (form) {
      var quoteField = form.querySelector(".quote-field");
      var startField = form.querySelector(".start-field");
      if (quoteField) { quoteField.value = quote; }
      if (startField) { startField.value = start >= 0 ? String(start) : ""; }
    });
  }

  document.addEventListener("input", function (event) {
    // A passage typed by hand is found by the server; a stale position must not mislead it.
    if (event.target.classList && event.target.classList.contains("quote-field")) {
      var startField = event.target.form && event.target.form.querySelector(".start-field");
      if (startField) { startField.value = ""; }
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-draft-key]").forEach(setupDraft);
    forgetSavedDraft();
    var container = document.getElementById("section-body");
    if (container) {
      container.addEventListener("mouseup", captureSelection);
      container.addEventListener("keyup", captureSelection);
      container.addEventListener("touchend", captureSelection);
    }
  });
})();
