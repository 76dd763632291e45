// Host combobox (ui.md §1.8): searches hosts by name through GET /hosts?q=…&limit=20 (same origin, session
// cookie) instead of rendering every host into the page. Enter picks the first match; Escape or leaving the
// field restores the chosen host's name; an emptied field means "Unassigned".
(function () {
  'use strict';

  function enhance(root) {
    if (root.dataset.enhanced) return;
    root.dataset.enhanced = '1';
    var hidden = root.querySelector('[data-host-id]');
    var input = root.querySelector('[data-ip-host-search]');
    var list = root.querySelector('[data-host-suggestions]');
    var chosenName = input.value;
    var results = [];
    var timer = null;
    var seq = 0;

    function set(id, name) {
      hidden.value = id ? String(id) : '';
      input.value = name || '';
      chosenName = input.value;
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      hidden.dispatchEvent(new Event('change', { bubbles: true }));
    }

    function render() {
      list.innerHTML = '';
      if (results.length === 0) {
        var empty = document.createElement('li');
        empty.className = 'empty';
        empty.textContent = 'No matching hosts.';
        list.appendChild(empty);
      }
      results.forEach(function (host, i) {
        var li = document.createElement('li');
        li.setAttribute('role', 'option');
        li.setAttribute('data-host-option', String(host.id));
        if (i === 0) li.className = 'highlighted';
        li.textContent = host.name;
        li.addEventListener('mousedown', function (e) { e.preventDefault(); set(host.id, host.name); });
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }

    function search() {
      var mine = ++seq;
      var q = input.value.trim();
      fetch('/hosts?limit=20&offset=0' + (q ? '&q=' + encodeURIComponent(q) : ''), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (hosts) { if (mine === seq && document.activeElement === input) { results = hosts; render(); } })
        .catch(function () { results = []; });
    }

    input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(search, 150); });
    input.addEventListener('focus', search);
    input.addEventListener('keydown', function (e) {
      if (e.key === 'Enter') {
        e.preventDefault();
        if (input.value.trim() === '') set('', '');
        else if (results[0]) set(results[0].id, results[0].name);
      } else if (e.key === 'Escape' && !list.hidden) {
        e.stopPropagation();
        input.value = chosenName;
        list.hidden = true;
      }
    });
    input.addEventListener('blur', function () {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      if (input.value.trim() === '' && hidden.value !== '') set('', '');
      else input.value = chosenName;
    });
    root.ipocketHostSearch = { set: set };
  }

  function enhanceAll() { document.querySelectorAll('[data-host-combobox]').forEach(enhance); }
  window.ipocketHostSearch = { enhanceAll: enhanceAll };
  enhanceAll();
})();
