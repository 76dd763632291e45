// Toasts (ui.md §1.3): server-rendered ones arm themselves; scripts call window.ipocketToast(type, message);
// any element with data-toast-message pops one on click.
(function () {
  'use strict';
  var DURATION_MS = 4000;
  var TYPES = ['success', 'info', 'error', 'warning'];

  function container() {
    var el = document.querySelector('[data-toast-container]');
    if (!el) {
      el = document.createElement('div');
      el.className = 'toast-container';
      el.setAttribute('data-toast-container', '');
      el.setAttribute('aria-live', 'polite');
      document.body.appendChild(el);
    }
    return el;
  }

  function arm(toast) {
    if (toast.dataset.armed) return;
    toast.dataset.armed = '1';
    var close = toast.querySelector('.toast-close');
    if (close) close.addEventListener('click', function () { toast.remove(); });
    setTimeout(function () { toast.remove(); }, DURATION_MS);
  }

  function show(type, message) {
    if (!message) return;
    var kind = TYPES.indexOf(type) >= 0 ? type : 'info';
    var toast = document.createElement('div');
    toast.className = 'toast toast-' + kind;
    toast.setAttribute('role', 'status');
    var text = document.createElement('span');
    text.className = 'toast-message';
    text.textContent = message;
    var close = document.createElement('button');
    close.type = 'button';
    close.className = 'toast-close';
    close.setAttribute('aria-label', 'Dismiss');
    close.textContent = '×';
    toast.appendChild(text);
    toast.appendChild(close);
    container().appendChild(toast);
    arm(toast);
  }

  window.ipocketToast = show;
  document.querySelectorAll('[data-toast-container] .toast').forEach(arm);
  document.addEventListener('click', function (event) {
    var trigger = event.target.closest && event.target.closest('[data-toast-message]');
    if (trigger) show(trigger.getAttribute('data-toast-type') || 'info', trigger.getAttribute('data-toast-message'));
  });
})();
