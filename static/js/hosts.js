// Hosts page: add/edit drawer (with live validation), delete drawer (typed name), the IP-tag filter builder and
// the "+N more" tag list. Delegated events, so rows swapped in by htmx need no re-binding.
(function () {
  'use strict';
  var drawers = window.ipocketDrawer;
  var IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
  var TAG_RE = /^[a-z0-9_-]+$/;
  var drawer = document.querySelector('[data-host-drawer]');
  var form = drawer && drawer.querySelector('[data-host-form]');
  var del = document.querySelector('[data-host-delete-drawer]');
  var delForm = del && del.querySelector('[data-host-delete-form]');
  var filters = document.querySelector('[data-host-filters]');

  function $(root, sel) { return root.querySelector(sel); }

  function validate() {
    var ok = true;
    var name = $(form, '[data-host-name-input]');
    var nameErr = $(form, '[data-host-name-error]');
    nameErr.hidden = name.value.trim() !== '' || !drawers.isDirty(drawer);
    if (name.value.trim() === '') ok = false;
    form.querySelectorAll('[data-host-ip-input]').forEach(function (input) {
      var v = input.value.trim();
      var bad = v !== '' && !IPV4.test(v);
      input.nextElementSibling.hidden = !bad;
      if (bad) ok = false;
    });
    var dirty = drawers.isDirty(drawer);
    var edit = drawer.getAttribute('data-mode') === 'edit';
    $(form, '[data-drawer-status]').textContent = edit ? (dirty ? 'Unsaved changes' : 'No changes') : ok && dirty ? 'Ready to create' : 'Enter details';
    $(form, '[data-host-submit]').disabled = !(ok && dirty);
  }

  function openHost(mode, d) {
    drawer.setAttribute('data-mode', mode);
    var errors = $(form, '[data-host-form-errors]');
    if (errors) errors.remove();
    var edit = mode === 'edit';
    form.action = edit ? '/ui/hosts/' + d.hostEdit + '/edit' : '/ui/hosts';
    $(drawer, '[data-host-drawer-title]').textContent = edit ? 'Edit Host' : 'Add Host';
    $(drawer, '[data-host-drawer-subtitle]').textContent = edit ? d.hostName : 'Create a host and link its OS and BMC addresses.';
    $(form, '[data-host-submit]').textContent = edit ? 'Save changes' : 'Create Host';
    $(drawer, '[data-host-pills]').hidden = !edit;
    if (edit) {
      $(drawer, '[data-host-pill-project]').textContent = 'Project: ' + (d.hostProjectLabel || 'Unassigned');
      $(drawer, '[data-host-pill-status]').textContent = 'Status: ' + (Number(d.hostLinked) > 0 ? 'Assigned' : 'Free');
    }
    form.elements.name.value = edit ? d.hostName : '';
    var vendor = form.elements.vendor_id;
    vendor.value = '';
    Array.prototype.forEach.call(vendor.options, function (o) { if (edit && o.text === d.hostVendor) vendor.value = o.value; });
    var project = form.elements.project_id;
    project.value = edit ? d.hostProjectId || '' : '';
    $(project, '[data-empty-option]').textContent = edit && !d.hostProjectId ? d.hostProjectLabel || 'Unassigned' : 'Unassigned';
    form.elements.os_ips.value = edit ? d.hostOs : '';
    form.elements.bmc_ips.value = edit ? d.hostBmc : '';
    form.elements.notes.value = edit ? d.hostNotes : '';
    drawers.open(drawer);
    validate();
  }

  function refreshDelete() {
    var ack = $(delForm, '[data-host-delete-ack]').checked;
    var typed = $(delForm, '[data-host-delete-confirm]').value.trim() === delForm.getAttribute('data-host-delete-name');
    $(delForm, '[data-host-delete-status]').textContent = !ack ? 'Confirm deletion' : !typed ? 'Type exact host name' : 'Ready to delete';
    $(delForm, '[data-host-delete-submit]').disabled = !(ack && typed);
  }

  function openDelete(id, name, linked) {
    delForm.action = '/ui/hosts/' + id + '/delete';
    delForm.setAttribute('data-host-delete-id', id);
    delForm.setAttribute('data-host-delete-name', name);
    $(delForm, '[data-host-delete-summary-name]').textContent = name;
    $(delForm, '[data-host-delete-strong]').textContent = name;
    $(delForm, '[data-host-delete-linked-value]').textContent = linked;
    drawers.open(del);
    refreshDelete();
  }

  function submitFilters() { if (filters.requestSubmit) filters.requestSubmit(); else filters.submit(); }

  function addTagFilter(tag) {
    var group = $(filters, '[data-host-tag-group]');
    if (!TAG_RE.test(tag) || filters.querySelector('input[name="tag"][value="' + tag + '"]')) return;
    var colors = {};
    try { JSON.parse(document.querySelector('[data-tag-catalogue]').getAttribute('data-tag-catalogue')).forEach(function (t) { colors[t.name] = t.color; }); } catch (e) { /* no catalogue */ }
    var chip = window.ipocketTagPickers ? window.ipocketTagPickers.chip(tag, colors[tag]) : document.createElement('span');
    chip.className = 'chip';
    if (!chip.textContent) chip.textContent = tag;
    var input = document.createElement('input');
    input.type = 'hidden';
    input.name = 'tag';
    input.value = tag;
    chip.appendChild(input);
    group.appendChild(chip);
    var panel = filters.closest('details');
    if (panel) panel.open = true;
    submitFilters();
  }

  document.addEventListener('click', function (e) {
    var t = e.target;
    if (!t.closest) return;
    if (t.closest('[data-host-add]')) { openHost('add', {}); return; }
    var edit = t.closest('[data-host-edit]');
    if (edit) { openHost('edit', edit.dataset); return; }
    var d = t.closest('[data-host-delete]');
    if (d) { openDelete(d.getAttribute('data-host-delete'), d.getAttribute('data-host-delete-name'), d.getAttribute('data-host-delete-linked')); return; }
    var chip = t.closest('[data-host-popover-tag]');
    if (chip) { addTagFilter(chip.getAttribute('data-host-popover-tag')); return; }
    var remove = t.closest('[data-host-remove-tag]');
    if (remove) { remove.closest('.chip').remove(); submitFilters(); return; }
    var more = t.closest('[data-host-tags-more]');
    if (more) { showMore(more); return; }
    var open = document.querySelector('.popover');
    if (open && !open.contains(t)) open.remove();
  });

  function showMore(trigger) {
    var old = document.querySelector('.popover');
    if (old) old.remove();
    var tags = JSON.parse(trigger.getAttribute('data-tags-json') || '[]');
    var pop = document.createElement('div');
    pop.className = 'popover';
    var title = document.createElement('div');
    title.className = 'popover-title';
    title.textContent = 'IP tags for ' + trigger.getAttribute('data-tags-host');
    var search = document.createElement('input');
    search.type = 'search';
    search.placeholder = 'Filter tags';
    var list = document.createElement('div');
    list.className = 'popover-list';
    function render() {
      list.innerHTML = '';
      var text = search.value.trim().toLowerCase();
      var shown = tags.filter(function (x) { return x.name.indexOf(text) >= 0; });
      if (!shown.length) { var none = document.createElement('span'); none.className = 'muted'; none.textContent = 'No matching tags.'; list.appendChild(none); }
      shown.forEach(function (x) {
        var c = window.ipocketTagPickers.chip(x.name, x.color);
        var b = document.createElement('button');
        b.type = 'button';
        b.className = 'chip';
        b.style.cssText = c.style.cssText;
        b.textContent = x.name;
        b.setAttribute('data-host-popover-tag', x.name);
        list.appendChild(b);
      });
    }
    search.addEventListener('input', render);
    pop.appendChild(title);
    pop.appendChild(search);
    pop.appendChild(list);
    document.body.appendChild(pop);
    render();
    var r = trigger.getBoundingClientRect();
    pop.style.left = Math.min(r.left, window.innerWidth - pop.offsetWidth - 8) + 'px';
    pop.style.top = r.bottom + 6 + 'px';
  }
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') { var p = document.querySelector('.popover'); if (p) p.remove(); } });

  if (form) {
    form.addEventListener('input', validate);
    form.addEventListener('change', validate);
  }
  if (delForm) {
    delForm.addEventListener('input', refreshDelete);
    delForm.addEventListener('change', refreshDelete);
  }
  var tagInput = filters && filters.querySelector('[data-host-tag-filter-input]');
  if (tagInput) {
    tagInput.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' || e.key === ',') {
        e.preventDefault();
        var v = tagInput.value.trim().toLowerCase();
        tagInput.value = '';
        if (v) addTagFilter(v);
      }
    });
  }
  if (drawer && drawer.getAttribute('data-open') === 'true') {
    drawers.open(drawer);
    drawer.dataset.initial = '';
    validate();
  }
  if (del && del.getAttribute('data-host-delete-open') === 'true') {
    drawers.open(del);
    refreshDelete();
  }
})();
