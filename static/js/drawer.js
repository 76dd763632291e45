// The one drawer pattern (ui.md §1.7): right-side panel over an overlay; closes on ✕, Cancel, overlay click
// or Escape; edit/create drawers ask "Discard changes?" when their form differs from its state at opening.
(function () {
  'use strict';

  function overlayFor(drawer) {
    var overlay = drawer.previousElementSibling;
    return overlay && overlay.classList.contains('drawer-overlay') ? overlay : null;
  }

  /** A comparable snapshot of a form: multi-values sorted, so tag order does not count as a change. */
  function snapshot(form) {
    if (!form) return '';
    var values = {};
    new FormData(form).forEach(function (value, key) {
      if (key === '_csrf' || key === 'return_to' || typeof value !== 'string') return;
      (values[key] = values[key] || []).push(value);
    });
    return JSON.stringify(Object.keys(values).sort().map(function (key) { return [key, values[key].slice().sort()]; }));
  }

  function formOf(drawer) {
    return drawer.querySelector('form[data-drawer-form]') || drawer.querySelector('form');
  }

  function isDirty(drawer) {
    var form = formOf(drawer);
    return Boolean(form) && drawer.dataset.initial !== undefined && snapshot(form) !== drawer.dataset.initial;
  }

  function open(drawer) {
    document.querySelectorAll('.drawer.open').forEach(function (other) { if (other !== drawer) close(other, true); });
    drawer.classList.add('open');
    drawer.setAttribute('aria-hidden', 'false');
    var overlay = overlayFor(drawer);
    if (overlay) overlay.classList.add('open');
    drawer.dataset.initial = snapshot(formOf(drawer));
    drawer.dispatchEvent(new CustomEvent('drawer:opened', { bubbles: true }));
    var focus = drawer.querySelector('[data-autofocus]:not([readonly]):not([disabled])');
    // Deferred until the drawer is visible; by then a quick user (or a script) may be typing in another of its
    // fields, and moving the caret would send the rest of their text into this one.
    if (focus && focus.offsetParent !== null) setTimeout(function () { if (!drawer.contains(document.activeElement)) focus.focus(); }, 30);
  }

  /** Returns false when the user chose to keep editing. */
  function close(drawer, force) {
    if (!drawer.classList.contains('open')) return true;
    if (!force && drawer.hasAttribute('data-confirm-discard') && isDirty(drawer) && !window.confirm('Discard changes?')) return false;
    drawer.classList.remove('open');
    drawer.setAttribute('aria-hidden', 'true');
    var overlay = overlayFor(drawer);
    if (overlay) overlay.classList.remove('open');
    drawer.dispatchEvent(new CustomEvent('drawer:closed', { bubbles: true }));
    return true;
  }

  document.addEventListener('click', function (event) {
    var target = event.target;
    if (!target.closest) return;
    var closer = target.closest('[data-drawer-close]');
    if (closer) {
      var drawer = closer.closest('.drawer');
      if (drawer) close(drawer, false);
      return;
    }
    if (target.classList.contains('drawer-overlay')) {
      var next = target.nextElementSibling;
      if (next && next.classList.contains('drawer')) close(next, false);
    }
  });

  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') return;
    var opened = document.querySelectorAll('.drawer.open');
    if (opened.length && !document.querySelector('.popover:not([hidden])')) close(opened[opened.length - 1], false);
  });

  window.ipocketDrawer = { open: open, close: close, snapshot: snapshot, isDirty: isDirty, formOf: formOf };
})();
