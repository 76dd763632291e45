// IP assets list and detail pages: drawers (add/edit, delete, bulk), quick filters, the tag filter builder,
// "+N more" popovers, note tooltips and scroll preservation. Event delegation on document, so rows swapped in
// by htmx need no re-binding.
(function () {
  'use strict';
  var SCROLL_KEY = 'ipocket.ip-assets.scrollY';
  var TAG_RE = /^[a-z0-9_-]+$/;
  var HIGH_RISK_TAGS = ['prod', 'production', 'critical', 'flagged'];
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || '';
  var drawers = window.ipocketDrawer;
  var toast = window.ipocketToast || function () {};

  var assetDrawer = document.querySelector('[data-ip-drawer]');
  var deleteDrawer = document.querySelector('[data-ip-delete-drawer]');
  var bulkDrawer = document.querySelector('[data-bulk-drawer]');
  var filterForm = document.querySelector('[data-ip-filters]');

  function currentUrl() { return location.pathname + location.search; }
  function q(root, sel) { return root ? root.querySelector(sel) : null; }
  function catalogue() {
    var holder = document.querySelector('[data-tag-catalogue]');
    try { return holder ? JSON.parse(holder.getAttribute('data-tag-catalogue')) : []; } catch (e) { return []; }
  }
  function tagColor(name) {
    var found = catalogue().filter(function (t) { return t.name === name; })[0];
    return found ? found.color : '#e2e8f0';
  }

  // ---------------------------------------------------------------- scroll restore
  var savedY = sessionStorage.getItem(SCROLL_KEY);
  if (savedY !== null) {
    sessionStorage.removeItem(SCROLL_KEY);
    window.scrollTo(0, Number(savedY) || 0);
  }
  function rememberScroll() { sessionStorage.setItem(SCROLL_KEY, String(window.scrollY)); }

  // ---------------------------------------------------------------- add / edit drawer
  var form = q(assetDrawer, '[data-ip-form]');
  var typeSelect = q(form, '[data-ip-type-select]');
  var projectSelect = q(form, '[data-ip-project-select]');
  var hostField = q(form, '[data-ip-host-field]');
  var hostCombo = q(form, '[data-host-combobox]');
  var hostId = q(form, '[data-host-id]');
  var hostInput = q(form, '[data-ip-host-search]');
  var ipInput = q(form, '[data-ip-address-input]');
  var autoHost = q(form, '[data-auto-host]');
  var submit = q(form, '[data-ip-submit]');
  var status = q(form, '[data-drawer-status]');
  var picker = q(form, '[data-tag-picker]');

  function mode() { return assetDrawer.getAttribute('data-ip-drawer-mode'); }

  function refreshAssetDrawer() {
    if (!form) return;
    var type = typeSelect.value;
    var hostAllowed = type === 'OS' || type === 'BMC';
    hostField.hidden = !hostAllowed;
    if (!hostAllowed && hostId.value) { hostId.value = ''; hostInput.value = ''; }
    autoHost.hidden = !(type === 'BMC' && !hostId.value);
    var ip = ipInput.value.trim() || '<ip>';
    q(autoHost, '[data-auto-host-name]').textContent = 'server_' + ip;
    var autoButton = q(autoHost, '[data-auto-host-button]');
    autoButton.disabled = mode() !== 'edit';
    q(autoHost, '[data-auto-host-hint]').firstChild.textContent = mode() === 'edit' ? 'Creates and assigns host ' : 'On save, creates and assigns host ';
    var projectName = projectSelect.value ? projectSelect.options[projectSelect.selectedIndex].text : 'Unassigned';
    q(assetDrawer, '[data-ip-pill-project]').textContent = 'Project: ' + projectName;
    q(assetDrawer, '[data-ip-pill-host]').textContent = 'Host: ' + (hostId.value ? hostInput.value || '—' : '—');
    var dirty = drawers.isDirty(assetDrawer);
    if (mode() === 'edit') {
      status.textContent = dirty ? 'Unsaved changes' : 'No changes';
      submit.disabled = !dirty;
    } else {
      var ready = ipInput.value.trim() !== '';
      status.textContent = ready ? 'Ready to create' : 'Enter details';
      submit.disabled = !(dirty && ready);
    }
  }

  function setMode(next, data) {
    assetDrawer.setAttribute('data-ip-drawer-mode', next);
    var errors = q(form, '[data-ip-form-errors]');
    if (errors) errors.remove();
    var edit = next === 'edit';
    form.action = edit ? '/ui/ip-assets/' + data.id + '/edit' : '/ui/ip-assets/new';
    q(assetDrawer, '[data-ip-drawer-title]').textContent = edit ? 'Edit IP asset' : 'Add IP asset';
    q(assetDrawer, '[data-ip-drawer-subtitle]').textContent = edit ? data.ip : 'Create a new address assignment.';
    submit.textContent = edit ? 'Save changes' : 'Create IP';
    ipInput.value = data.ip || '';
    ipInput.readOnly = edit;
    typeSelect.value = data.type || 'VM';
    projectSelect.value = data.projectId || '';
    if (hostCombo.ipocketHostSearch) hostCombo.ipocketHostSearch.set(data.hostId || '', data.hostName || '');
    if (picker && picker.ipocketTagPicker) picker.ipocketTagPicker.set(data.tags || []);
    q(form, '[data-ip-notes-input]').value = data.notes || '';
    q(form, '[data-return-to]').value = data.returnTo || currentUrl();
    q(autoHost, '[data-auto-host-error]').hidden = true;
  }

  document.addEventListener('click', function (event) {
    var t = event.target;
    if (!t.closest) return;
    var add = t.closest('[data-ip-add]');
    if (add && assetDrawer) {
      setMode('add', {});
      drawers.open(assetDrawer);
      refreshAssetDrawer();
      return;
    }
    var edit = t.closest('[data-ip-edit]');
    if (edit && assetDrawer) {
      var d = edit.dataset;
      setMode('edit', {
        id: d.ipEdit, ip: d.ipAddress, type: d.ipType, projectId: d.ipProjectId, hostId: d.ipHostId, hostName: d.ipHostName,
        notes: d.ipNotes, tags: d.ipTags ? d.ipTags.split(', ') : [], returnTo: d.return || currentUrl(),
      });
      drawers.open(assetDrawer);
      refreshAssetDrawer();
      return;
    }
    var del = t.closest('[data-ip-delete]');
    if (del && deleteDrawer) { openDelete(del); return; }
  });

  if (form) {
    form.addEventListener('input', refreshAssetDrawer);
    form.addEventListener('change', refreshAssetDrawer);
    form.addEventListener('submit', function () { rememberScroll(); drawers.close(assetDrawer, true); });
    q(autoHost, '[data-auto-host-button]').addEventListener('click', function () {
      var id = /\/ui\/ip-assets\/(\d+)\/edit$/.exec(form.getAttribute('action') || '');
      var err = q(autoHost, '[data-auto-host-error]');
      if (!id) return;
      fetch('/ui/ip-assets/' + id[1] + '/auto-host', { method: 'POST', headers: { Accept: 'application/json', 'X-CSRF-Token': csrf }, credentials: 'same-origin' })
        .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
        .then(function (res) {
          if (!res.ok) { err.textContent = res.body.error || 'Could not create the host.'; err.hidden = false; return; }
          err.hidden = true;
          hostCombo.ipocketHostSearch.set(res.body.host_id, res.body.host_name);
          // The link is already saved: the new host is the drawer's starting point now.
          assetDrawer.dataset.initial = drawers.snapshot(form);
          var row = document.querySelector('[data-ip-edit="' + id[1] + '"]');
          if (row) { row.setAttribute('data-ip-host-id', res.body.host_id); row.setAttribute('data-ip-host-name', res.body.host_name); }
          toast('success', 'Host ' + res.body.host_name + ' assigned.');
          refreshAssetDrawer();
        })
        .catch(function () { err.textContent = 'Could not create the host.'; err.hidden = false; });
    });
  }

  // ---------------------------------------------------------------- delete drawer
  var deleteForm = q(deleteDrawer, '[data-ip-delete-form]');
  var deleteTarget = null;

  function refreshDelete() {
    if (!deleteTarget) return;
    var ack = q(deleteForm, '[data-delete-ack]').checked;
    var typed = q(deleteForm, '[data-delete-confirm-ip]').value.trim();
    var ok = ack && (!deleteTarget.highRisk || typed === deleteTarget.ip);
    q(deleteForm, '[data-ip-delete-submit]').disabled = !ok;
    q(deleteForm, '[data-delete-status]').textContent = !ack ? 'Confirm deletion' : ok ? 'Ready to delete' : 'Type the exact IP address';
  }

  function openDelete(button) {
    var d = button.dataset;
    deleteTarget = { id: d.ipDelete, ip: d.ipAddress, highRisk: d.ipHighRisk === 'true', fromDetail: d.fromDetail === 'true' };
    deleteForm.action = '/ui/ip-assets/' + d.ipDelete + '/delete';
    q(deleteForm, '[data-return-to]').value = deleteTarget.fromDetail ? '/ui/ip-assets' : currentUrl();
    q(deleteForm, '[data-delete-ip]').textContent = d.ipAddress;
    q(deleteForm, '[data-delete-project]').textContent = d.ipProjectName || 'Unassigned';
    q(deleteForm, '[data-delete-type]').textContent = d.ipType;
    q(deleteForm, '[data-delete-host]').textContent = d.ipHostName || '—';
    q(deleteDrawer, '[data-delete-pill-project]').textContent = 'Project: ' + (d.ipProjectName || 'Unassigned');
    q(deleteDrawer, '[data-delete-pill-host]').textContent = 'Host: ' + (d.ipHostName || '—');
    q(deleteForm, '[data-delete-ack]').checked = false;
    q(deleteForm, '[data-delete-confirm-ip]').value = '';
    q(deleteForm, '[data-delete-confirm-field]').hidden = !deleteTarget.highRisk;
    q(deleteForm, '[data-delete-error]').hidden = true;
    drawers.open(deleteDrawer);
    refreshDelete();
  }

  if (deleteForm) {
    deleteForm.addEventListener('input', refreshDelete);
    deleteForm.addEventListener('change', refreshDelete);
    deleteForm.addEventListener('submit', function (event) {
      event.preventDefault();
      var target = deleteTarget;
      var button = q(deleteForm, '[data-ip-delete-submit]');
      button.disabled = true;
      fetch(deleteForm.action, {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded', 'X-CSRF-Token': csrf },
        credentials: 'same-origin',
        body: new URLSearchParams(new FormData(deleteForm)).toString(),
      })
        .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
        .then(function (res) {
          if (!res.ok) {
            var err = q(deleteForm, '[data-delete-error]');
            err.textContent = res.body.error || 'Delete failed.';
            err.hidden = false;
            toast('error', err.textContent);
            refreshDelete();
            return;
          }
          if (target.fromDetail) { location.assign('/ui/ip-assets?delete-success=' + encodeURIComponent(res.body.message)); return; }
          var row = document.querySelector('[data-ip-asset-row-id="' + target.id + '"]');
          if (row) row.remove();
          drawers.close(deleteDrawer, true);
          toast('success', res.body.message);
          refreshBulk();
        })
        .catch(function () { toast('error', 'Delete failed.'); refreshDelete(); });
    });
  }

  // ---------------------------------------------------------------- bulk selection and drawer
  function selected() { return Array.prototype.slice.call(document.querySelectorAll('[data-bulk-select]:checked')); }
  var removeTags = [];

  function commonTags(rows) {
    if (!rows.length) return [];
    var sets = rows.map(function (cb) { return (cb.getAttribute('data-bulk-tags') || '').split(',').map(function (s) { return s.trim().toLowerCase(); }).filter(Boolean); });
    return sets[0].filter(function (tag) { return sets.every(function (s) { return s.indexOf(tag) >= 0; }); }).sort();
  }

  function refreshBulk() {
    var rows = selected();
    var all = document.querySelectorAll('[data-bulk-select]');
    document.querySelectorAll('[data-bulk-select-all]').forEach(function (box) {
      box.checked = rows.length > 0 && rows.length === all.length;
      box.indeterminate = rows.length > 0 && rows.length < all.length;
    });
    document.querySelectorAll('[data-selected-count]').forEach(function (el) { el.textContent = rows.length + ' selected'; });
    var controls = document.querySelector('[data-bulk-controls]');
    if (controls) controls.classList.toggle('bulk-edit-controls-hidden', rows.length === 0);
    var open = document.querySelector('[data-bulk-open]');
    if (open) open.disabled = rows.length === 0;
    if (!bulkDrawer) return;
    if (rows.length === 0 && bulkDrawer.classList.contains('open')) drawers.close(bulkDrawer, true);
    var common = commonTags(rows);
    removeTags = removeTags.filter(function (t) { return common.indexOf(t) >= 0; });
    q(bulkDrawer, '[data-bulk-selected-count]').textContent = rows.length + ' selected';
    var list = q(bulkDrawer, '[data-bulk-common-tags-list]');
    list.innerHTML = '';
    if (!common.length) {
      var none = document.createElement('span');
      none.className = 'muted';
      none.textContent = 'No shared tags.';
      list.appendChild(none);
    }
    common.forEach(function (tag) {
      var b = window.ipocketTagPickers.chip(tag, tagColor(tag));
      var marked = removeTags.indexOf(tag) >= 0;
      var button = document.createElement('button');
      button.type = 'button';
      button.className = b.className + (marked ? ' is-active-filter' : '');
      button.style.cssText = b.style.cssText;
      button.textContent = tag + (marked ? ' ×' : '');
      button.setAttribute('data-bulk-remove-tag', tag);
      button.setAttribute('aria-pressed', marked ? 'true' : 'false');
      list.appendChild(button);
    });
    var hidden = document.querySelector('[data-bulk-remove-hidden]');
    if (hidden) {
      hidden.innerHTML = '';
      removeTags.forEach(function (tag) {
        var input = document.createElement('input');
        input.type = 'hidden';
        input.name = 'remove_tags';
        input.value = tag;
        hidden.appendChild(input);
      });
    }
    var notesMode = q(bulkDrawer, '[data-bulk-notes-mode]');
    q(bulkDrawer, '[data-bulk-notes]').disabled = notesMode.value !== 'set';
    var statusText = rows.length === 0 ? 'Select at least one row' : 'Select fields to update' + (removeTags.length ? ' • Remove ' + removeTags.length + ' common tag(s)' : '');
    q(bulkDrawer, '[data-bulk-status]').textContent = statusText;
    q(bulkDrawer, '[data-bulk-apply]').disabled = rows.length === 0;
  }

  function resetBulkInputs() {
    removeTags = [];
    bulkDrawer.querySelectorAll('select[data-bulk-field]:not([multiple])').forEach(function (s) { s.value = ''; });
    var notes = q(bulkDrawer, '[data-bulk-notes]');
    notes.value = '';
    var bulkPicker = q(bulkDrawer, '[data-tag-picker]');
    if (bulkPicker && bulkPicker.ipocketTagPicker) bulkPicker.ipocketTagPicker.set([]);
  }

  document.addEventListener('change', function (event) {
    var t = event.target;
    if (t.matches && t.matches('[data-bulk-select-all]')) {
      document.querySelectorAll('[data-bulk-select]').forEach(function (cb) { cb.checked = t.checked; });
      refreshBulk();
    } else if (t.matches && (t.matches('[data-bulk-select]') || t.matches('[data-bulk-field]'))) {
      refreshBulk();
    }
  });
  document.addEventListener('click', function (event) {
    var t = event.target;
    if (!t.closest) return;
    if (t.closest('[data-bulk-open]') && bulkDrawer) {
      resetBulkInputs();
      drawers.open(bulkDrawer);
      refreshBulk();
      return;
    }
    var mark = t.closest('[data-bulk-remove-tag]');
    if (mark) {
      var tag = mark.getAttribute('data-bulk-remove-tag');
      var i = removeTags.indexOf(tag);
      if (i >= 0) removeTags.splice(i, 1); else removeTags.push(tag);
      refreshBulk();
    }
  });
  document.addEventListener('submit', function (event) {
    if (event.target.matches && event.target.matches('[data-bulk-form]')) {
      var rt = q(event.target, '[data-return-to]');
      if (rt) rt.value = currentUrl();
      rememberScroll();
    }
  });

  // ---------------------------------------------------------------- filters: quick chips and tag builder
  var activeGroup = 'tag_any';

  function submitFilters() {
    if (!filterForm) return;
    if (filterForm.requestSubmit) filterForm.requestSubmit(); else filterForm.submit();
  }

  function groupEl(param) { return filterForm && filterForm.querySelector('[data-tag-filter-selected="' + param + '"]'); }

  function groupHas(param, tag) { return Boolean(filterForm && filterForm.querySelector('[data-tag-filter-entry="' + param + ':' + tag + '"]')); }

  function addToGroup(param, tag) {
    var group = groupEl(param);
    if (!group || groupHas(param, tag)) return false;
    var c = window.ipocketTagPickers.chip(tag, tagColor(tag));
    c.setAttribute('data-tag-filter-entry', param + ':' + tag);
    var input = document.createElement('input');
    input.type = 'hidden';
    input.name = param;
    input.value = tag;
    var x = document.createElement('button');
    x.type = 'button';
    x.className = 'chip-remove btn-ghost';
    x.setAttribute('data-remove-tag-filter', tag);
    x.setAttribute('data-tag-filter-param', param);
    x.setAttribute('aria-label', 'Remove ' + tag);
    x.textContent = '×';
    c.appendChild(input);
    c.appendChild(x);
    group.appendChild(c);
    group.classList.remove('hidden');
    return true;
  }

  function removeFromGroup(param, tag) {
    var entry = filterForm && filterForm.querySelector('[data-tag-filter-entry="' + param + ':' + tag + '"]');
    if (!entry) return false;
    var group = entry.parentElement;
    entry.remove();
    if (!group.querySelector('[data-tag-filter-entry]')) group.classList.add('hidden');
    return true;
  }

  function toggleTag(tag) {
    if (!removeFromGroup(activeGroup, tag)) addToGroup(activeGroup, tag);
    submitFilters();
  }

  document.addEventListener('click', function (event) {
    var t = event.target;
    if (!t.closest || !filterForm) return;
    var mode = t.closest('[data-tag-filter-mode]');
    if (mode) {
      activeGroup = mode.getAttribute('data-tag-filter-mode');
      filterForm.querySelectorAll('[data-tag-filter-mode]').forEach(function (b) {
        var on = b === mode;
        b.classList.toggle('active', on);
        b.setAttribute('aria-pressed', on ? 'true' : 'false');
      });
      return;
    }
    var remove = t.closest('[data-remove-tag-filter]');
    if (remove) {
      removeFromGroup(remove.getAttribute('data-tag-filter-param'), remove.getAttribute('data-remove-tag-filter'));
      submitFilters();
      return;
    }
    var quick = t.closest('[data-quick-filter]');
    if (quick) {
      var kind = quick.getAttribute('data-quick-filter');
      var value = quick.getAttribute('data-quick-filter-value');
      if (kind === 'tag') { closePopover(); toggleTag(value); return; }
      var select = filterForm.querySelector('select[name="' + kind + '"]');
      if (select) {
        select.value = select.value === value ? '' : value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }
    }
  });

  var tagInput = filterForm && filterForm.querySelector('[data-tag-filter-input]');
  function addTypedTag() {
    var value = tagInput.value.trim().toLowerCase().replace(/,+$/, '');
    if (!value) return;
    if (!TAG_RE.test(value)) { toast('warning', 'Tag names use letters, digits, dash and underscore.'); return; }
    tagInput.value = '';
    if (addToGroup(activeGroup, value)) submitFilters();
  }
  if (tagInput) {
    tagInput.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' || e.key === ',') { e.preventDefault(); addTypedTag(); }
    });
    // Picking a datalist entry fires "input" with the whole value, without a key press.
    tagInput.addEventListener('input', function (e) {
      if (e.inputType === 'insertReplacementText' || e.inputType === undefined) {
        var options = catalogue().map(function (t) { return t.name; });
        if (options.indexOf(tagInput.value.trim().toLowerCase()) >= 0) addTypedTag();
      }
    });
  }

  // ---------------------------------------------------------------- "+N more" popover
  var popover = null;
  var popoverTrigger = null;
  var hoverTimer = null;
  var leaveTimer = null;

  function closePopover() {
    if (popover) popover.remove();
    popover = null;
    popoverTrigger = null;
  }

  function place() {
    if (!popover || !popoverTrigger) return;
    var r = popoverTrigger.getBoundingClientRect();
    var w = popover.offsetWidth;
    var h = popover.offsetHeight;
    var left = Math.min(Math.max(8, r.left), window.innerWidth - w - 8);
    var top = r.bottom + 6 + h > window.innerHeight ? Math.max(8, r.top - h - 6) : r.bottom + 6;
    popover.style.left = left + 'px';
    popover.style.top = top + 'px';
  }

  function openPopover(trigger, focusSearch) {
    if (popoverTrigger === trigger) return;
    closePopover();
    var tags = [];
    try { tags = JSON.parse(trigger.getAttribute('data-tags-json')); } catch (e) { tags = []; }
    popover = document.createElement('div');
    popover.className = 'popover';
    popover.setAttribute('role', 'dialog');
    var title = document.createElement('div');
    title.className = 'popover-title';
    title.textContent = 'Tags for ' + trigger.getAttribute('data-tags-ip');
    var search = document.createElement('input');
    search.type = 'search';
    search.placeholder = 'Filter tags';
    search.setAttribute('aria-label', 'Filter tags');
    var list = document.createElement('div');
    list.className = 'popover-list';
    function render() {
      list.innerHTML = '';
      var text = search.value.trim().toLowerCase();
      var shown = tags.filter(function (t) { return t.name.indexOf(text) >= 0; });
      if (!shown.length) { var none = document.createElement('span'); none.className = 'muted'; none.textContent = 'No matching tags.'; list.appendChild(none); }
      shown.forEach(function (t) {
        var c = window.ipocketTagPickers.chip(t.name, t.color);
        var b = document.createElement('button');
        b.type = 'button';
        b.className = 'chip';
        b.style.cssText = c.style.cssText;
        b.textContent = t.name;
        b.setAttribute('data-quick-filter', 'tag');
        b.setAttribute('data-quick-filter-value', t.name);
        list.appendChild(b);
      });
    }
    search.addEventListener('input', render);
    search.addEventListener('keydown', function (e) { if (e.key === 'Escape') { e.stopPropagation(); closePopover(); trigger.focus(); } });
    popover.appendChild(title);
    popover.appendChild(search);
    popover.appendChild(list);
    popover.addEventListener('mouseenter', function () { clearTimeout(leaveTimer); });
    popover.addEventListener('mouseleave', scheduleClose);
    document.body.appendChild(popover);
    popoverTrigger = trigger;
    render();
    place();
    if (focusSearch) search.focus();
  }

  function scheduleClose() {
    clearTimeout(leaveTimer);
    leaveTimer = setTimeout(closePopover, 180);
  }

  document.addEventListener('click', function (event) {
    var t = event.target;
    if (!t.closest) return;
    var trigger = t.closest('[data-tags-more-toggle]');
    if (trigger) {
      if (popoverTrigger === trigger) closePopover(); else openPopover(trigger, false);
      return;
    }
    if (popover && !popover.contains(t)) closePopover();
  });
  document.addEventListener('mouseover', function (event) {
    var trigger = event.target.closest && event.target.closest('[data-tags-more-toggle]');
    if (!trigger) return;
    clearTimeout(leaveTimer);
    clearTimeout(hoverTimer);
    hoverTimer = setTimeout(function () { openPopover(trigger, false); }, 120);
  });
  document.addEventListener('mouseout', function (event) {
    var trigger = event.target.closest && event.target.closest('[data-tags-more-toggle]');
    if (!trigger) return;
    clearTimeout(hoverTimer);
    if (popoverTrigger === trigger) scheduleClose();
  });
  document.addEventListener('focusin', function (event) {
    var trigger = event.target.closest && event.target.closest('[data-tags-more-toggle]');
    if (trigger && event.target === trigger && popoverTrigger !== trigger) openPopover(trigger, true);
  });
  document.addEventListener('keydown', function (event) { if (event.key === 'Escape' && popover) closePopover(); });
  window.addEventListener('scroll', place, true);
  window.addEventListener('resize', place);

  // ---------------------------------------------------------------- note tooltips
  var tip = null;
  var tipTimer = null;
  function hideTip() { clearTimeout(tipTimer); if (tip) tip.remove(); tip = null; }
  function showTip(el) {
    hideTip();
    tipTimer = setTimeout(function () {
      tip = document.createElement('div');
      tip.className = 'note-tooltip';
      tip.setAttribute('role', 'tooltip');
      tip.textContent = el.getAttribute('data-full-note');
      document.body.appendChild(tip);
      var r = el.getBoundingClientRect();
      tip.style.left = Math.min(r.left, window.innerWidth - tip.offsetWidth - 8) + 'px';
      tip.style.top = (r.bottom + 6 + tip.offsetHeight > window.innerHeight ? r.top - tip.offsetHeight - 6 : r.bottom + 6) + 'px';
    }, 450);
  }
  document.addEventListener('mouseover', function (e) { var n = e.target.closest && e.target.closest('.ip-note-preview'); if (n) showTip(n); });
  document.addEventListener('mouseout', function (e) { if (e.target.closest && e.target.closest('.ip-note-preview')) hideTip(); });
  document.addEventListener('focusin', function (e) { if (e.target.matches && e.target.matches('.ip-note-preview')) showTip(e.target); });
  document.addEventListener('focusout', function (e) { if (e.target.matches && e.target.matches('.ip-note-preview')) hideTip(); });

  // ---------------------------------------------------------------- after htmx swaps, and server-opened drawers
  document.body.addEventListener('htmx:afterSwap', function () { closePopover(); hideTip(); refreshBulk(); });

  if (assetDrawer && assetDrawer.getAttribute('data-open') === 'true') {
    drawers.open(assetDrawer);
    // Re-shown after a failed save: the submitted values differ from an empty form, so saving stays possible.
    assetDrawer.dataset.initial = '';
    refreshAssetDrawer();
  }
  if (deleteDrawer && deleteDrawer.getAttribute('data-open') === 'true') {
    var trigger = document.querySelector('[data-ip-delete][data-from-detail]');
    if (trigger) openDelete(trigger);
  }
  refreshBulk();
})();
