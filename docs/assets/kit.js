// A table wider than its column scrolls inside its own box; a box that scrolls must be reachable
// by keyboard (WCAG 2.1.1), so it joins the tab order, and leaves it again when it fits.
(function () {
  "use strict";
  function focusableScrollers() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth) box.tabIndex = 0;
      else box.removeAttribute("tabindex");
    });
  }
  // Material wraps tables in its scroll boxes once the page is set up: run after it.
  if (window.document$) window.document$.subscribe(function () { setTimeout(focusableScrollers); });
  else window.addEventListener("load", focusableScrollers);
  window.addEventListener("resize", focusableScrollers);
})();
