// Fit a handout to its pages before Chromium prints it (tools/packs.py): lay the blocks out
// page by page as print does (a question, a table or a heading with what follows is never
// split), and shrink the type and the answer lines a little (down to 80%) until no page is
// left almost empty. The body has the printed width, so the measures are the printed ones.
(function () {
  "use strict";
  var probe = document.createElement("div");
  probe.style.height = document.body.dataset.pageHeight;
  document.body.appendChild(probe);
  var pageHeight = probe.getBoundingClientRect().height;
  probe.remove();

  function units() {
    var out = [];
    Array.prototype.forEach.call(document.body.children, function (el) {
      if (el.tagName === "SCRIPT") return;
      if (/^(OL|UL)$/.test(el.tagName)) out.push.apply(out, el.children);
      else out.push(el);
    });
    return out;
  }

  function fills() {
    var list = units(), pages = [0], i, top, next, h;
    for (i = 0; i < list.length; i++) {
      top = list[i].getBoundingClientRect().top;
      // A heading travels with the block after it.
      while (/^H[1-6]$/.test(list[i].tagName) && i + 1 < list.length) i++;
      next = i + 1 < list.length ? list[i + 1].getBoundingClientRect().top : document.body.getBoundingClientRect().bottom;
      h = next - top;
      if (pages[pages.length - 1] + h > pageHeight && pages[pages.length - 1] > 0) pages.push(0);
      pages[pages.length - 1] += Math.min(h, pageHeight);
    }
    return pages.map(function (used) { return used / pageHeight; });
  }

  var best = null, fit, f, worst;
  for (fit = 1; fit >= 0.799; fit -= 0.05) {
    document.documentElement.style.setProperty("--fit", fit.toFixed(2));
    f = fills();
    // The last page must look well used in the estimate: print runs a little longer than it.
    worst = Math.min(Math.min.apply(null, f), f[f.length - 1] - 0.15);
    if (!best || f.length < best.pages || (f.length === best.pages && worst > best.worst)) best = {fit: fit, pages: f.length, worst: worst};
    if (worst >= 0.3) { best = {fit: fit}; break; }
  }
  document.documentElement.style.setProperty("--fit", best.fit.toFixed(2));
  document.documentElement.dataset.fit = best.fit.toFixed(2);
})();
