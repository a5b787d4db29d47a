// A table wider than the page scrolls sideways inside its wrapper (Material's, or our .scroll-x); a keyboard can only scroll
// what can take focus, so such a wrapper joins the tab order (WCAG 2.1.1, checked by axe in the tests).
function focusableScrollwraps() {
  document.querySelectorAll(".md-typeset__scrollwrap, .scroll-x").forEach(function (wrap) {
    if (wrap.scrollWidth > wrap.clientWidth) wrap.setAttribute("tabindex", "0");
    else wrap.removeAttribute("tabindex");
  });
}
document$.subscribe(focusableScrollwraps);  // Material wraps the tables, then emits document$
window.addEventListener("resize", focusableScrollwraps);
