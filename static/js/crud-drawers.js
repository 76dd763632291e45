// Create / edit / delete drawers of the simple catalogue pages (Library, Ranges, range addresses, Users), on the
// one drawer pattern of drawer.js (ui.md §1.7, §10.1):
//   trigger  [data-crud-open="<drawer id>"] + optional data-crud-action (form action), data-crud-values (JSON:
//            field name → value; arrays fill tag pickers), data-crud-subtitle, data-crud-confirm (text to type),
//            data-crud-summary (JSON: summary key → text, shown in [data-crud-summary-field=<key>]),
//            data-crud-disable (JSON list of field names to disable).
//   drawer   .drawer[data-crud-drawer="create|edit|delete"][data-crud-thing="project"] with data-open="true" when
//            the server re-rendered it with errors.
// Create/edit: the primary button is enabled once the form is dirty and every [data-crud-required] field is
// filled. Delete: once the acknowledgement is ticked and the exact name typed.
(function () {
  'use strict';
  var drawers = window.ipocketDrawer;

  function $(root, sel) { return root.querySelector(sel); }
  function formOf(drawer) { return drawers.formOf(drawer); }

  function setField(form, name, value) {
    var fields = form.querySelectorAll('[name="' + name + '"]');
    fields.forEach(function (el) {
      if (el.type === 'checkbox') { el.checked = value === true || value === '1' || value === 1; return; }
      if (el.multiple) {
        var names = Array.isArray(value) ? value : [];
        var picker = el.closest('[data-tag-picker]');
        if (picker && picker.ipocketTagPicker) picker.ipocketTagPicker.set(names);
        else Array.prototype.forEach.call(el.options, function (o) { o.selected = names.indexOf(o.value) >= 0; });
        return;
      }
      el.value = value === null || value === undefined ? '' : String(value);
    });
  }

  function refresh(drawer) {
    var form = formOf(drawer);
    if (!form) return;
    var kind = drawer.getAttribute('data-crud-drawer');
    var thing = drawer.getAttribute('data-crud-thing') || 'item';
    var status = $(drawer, '[data-crud-status]');
    var submit = $(drawer, '[data-crud-submit]');
    var ready;
    var text;
    if (kind === 'delete') {
      var ack = $(form, '[data-crud-ack]');
      var typed = $(form, '[data-crud-confirm-input]');
      var expected = drawer.getAttribute('data-crud-expected') || '';
      var acked = !ack || ack.checked;
      var matches = !typed || typed.value.trim() === expected;
      ready = acked && matches;
      text = !acked ? 'Acknowledge delete' : !matches ? 'Type exact ' + thing + ' name' : 'Ready to delete';
    } else {
      var filled = Array.prototype.every.call(form.querySelectorAll('[data-crud-required]'), function (el) { return el.value.trim() !== ''; });
      // Drawers pre-filled with a usable default (an address from a free row, "allocate 1 VM") need no edit first.
      var dirty = drawers.isDirty(drawer) || drawer.hasAttribute('data-crud-ready-when-filled');
      ready = filled && dirty;
      if (kind === 'edit') text = !dirty ? 'No changes yet' : filled ? 'Ready to save' : 'Fill in the required fields';
      else text = ready ? drawer.getAttribute('data-crud-ready') || 'Ready to create' : 'Enter details';
    }
    if (status) status.textContent = text;
    if (submit) submit.disabled = !ready;
  }

  function open(drawer, trigger) {
    var form = formOf(drawer);
    var d = trigger ? trigger.dataset : {};
    var alert = $(drawer, '[data-crud-errors]');
    if (alert) alert.remove();
    if (form) {
      form.reset();
      form.querySelectorAll('[disabled]').forEach(function (el) { if (el.name) el.disabled = false; });
      form.querySelectorAll('[data-tag-picker]').forEach(function (p) { if (p.ipocketTagPicker) p.ipocketTagPicker.set([]); });
      if (d.crudAction) form.action = d.crudAction;
      // Saving returns to the list as it is now (htmx may have changed the filters since the page loaded).
      form.querySelectorAll('[data-crud-return-here]').forEach(function (el) { el.value = location.pathname + location.search; });
      if (d.crudValues) {
        var values = JSON.parse(d.crudValues);
        Object.keys(values).forEach(function (name) { setField(form, name, values[name]); });
      }
      if (d.crudDisable) JSON.parse(d.crudDisable).forEach(function (name) { form.querySelectorAll('[name="' + name + '"]').forEach(function (el) { el.disabled = true; }); });
    }
    if (d.crudSubtitle !== undefined) { var sub = $(drawer, '[data-crud-subtitle]'); if (sub) sub.textContent = d.crudSubtitle; }
    if (d.crudConfirm !== undefined) {
      drawer.setAttribute('data-crud-expected', d.crudConfirm);
      drawer.querySelectorAll('[data-crud-expected-text]').forEach(function (el) { el.textContent = d.crudConfirm; });
    }
    if (d.crudSummary) {
      var summary = JSON.parse(d.crudSummary);
      drawer.querySelectorAll('[data-crud-summary-field]').forEach(function (el) {
        var value = summary[el.getAttribute('data-crud-summary-field')];
        el.textContent = value === null || value === undefined || value === '' ? '—' : String(value);
      });
    }
    drawers.open(drawer);
    refresh(drawer);
  }

  document.addEventListener('click', function (e) {
    var trigger = e.target.closest && e.target.closest('[data-crud-open]');
    if (!trigger) return;
    var drawer = document.getElementById(trigger.getAttribute('data-crud-open'));
    if (drawer) open(drawer, trigger);
  });

  document.querySelectorAll('[data-crud-drawer]').forEach(function (drawer) {
    var form = formOf(drawer);
    if (form) {
      form.addEventListener('input', function () { refresh(drawer); });
      form.addEventListener('change', function () { refresh(drawer); });
    }
    if (drawer.getAttribute('data-open') === 'true') {
      drawers.open(drawer);
      // Re-rendered with the user's values after an error: they count as unsaved changes.
      if (drawer.getAttribute('data-crud-drawer') !== 'delete' && drawer.hasAttribute('data-crud-errors-shown')) drawer.dataset.initial = '';
      refresh(drawer);
    }
  });

  window.ipocketCrudDrawers = { open: open, refresh: refresh };
})();
