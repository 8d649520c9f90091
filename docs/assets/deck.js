// The kit's slide decks (tools/deck.py): one slide shown at a time, keyboard first.
// Right, PageDown, Space: next; Left, PageUp, Shift+Space: back; Home, End; N: speaker notes.
// The slide's number is in the address (#3), so a reload or a link opens the same slide.
(function () {
  "use strict";
  var slides = Array.prototype.slice.call(document.querySelectorAll(".deck > .slide"));
  var count = document.querySelector(".deck-count");
  var notesButton = document.querySelector('[data-deck="notes"]');
  var current = 0;

  function show(index) {
    current = Math.max(0, Math.min(slides.length - 1, index));
    slides.forEach(function (slide, i) { slide.hidden = i !== current; });
    count.textContent = (current + 1) + " / " + slides.length;
    if (location.hash !== "#" + (current + 1)) history.replaceState(null, "", "#" + (current + 1));
  }

  function toggleNotes() {
    var on = document.body.classList.toggle("show-notes");
    notesButton.setAttribute("aria-pressed", on ? "true" : "false");
  }

  function fromHash() {
    var n = parseInt(location.hash.slice(1), 10);
    return isNaN(n) ? 0 : n - 1;
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var key = event.key;
    if (key === "ArrowRight" || key === "PageDown" || (key === " " && !event.shiftKey)) show(current + 1);
    else if (key === "ArrowLeft" || key === "PageUp" || (key === " " && event.shiftKey)) show(current - 1);
    else if (key === "Home") show(0);
    else if (key === "End") show(slides.length - 1);
    else if (key === "n" || key === "N") toggleNotes();
    else return;
    event.preventDefault();
  });
  document.querySelector('[data-deck="prev"]').addEventListener("click", function () { show(current - 1); });
  document.querySelector('[data-deck="next"]').addEventListener("click", function () { show(current + 1); });
  notesButton.addEventListener("click", toggleNotes);
  window.addEventListener("hashchange", function () { show(fromHash()); });
  show(fromHash());
})();
