// Tag picker (ui.md §1.8): a hidden <select multiple name="tags"> enhanced into chips + a search input with
// suggestions of existing tags only. Free-text tags cannot be created here.
(function () {
  'use strict';

  function readableText(hex) {
    var m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(String(hex || '').trim());
    if (!m) return '#0f172a';
    var h = m[1].length === 3 ? m[1].replace(/./g, '$&$&') : m[1];
    var lum = [0, 2, 4].map(function (i) {
      var c = parseInt(h.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    var l = 0.2126 * lum[0] + 0.7152 * lum[1] + 0.0722 * lum[2];
    var dark = (l + 0.05) / (0.0118 + 0.05);
    var light = (0.9547 + 0.05) / (l + 0.05);
    return dark >= light ? '#0f172a' : '#f8fafc';
  }

  function chip(name, color) {
    var el = document.createElement('span');
    el.className = 'chip';
    el.style.background = color || '#e2e8f0';
    el.style.color = readableText(color || '#e2e8f0');
    el.textContent = name;
    return el;
  }

  function enhance(root) {
    var select = root.querySelector('[data-tag-picker-select]');
    if (!select || root.dataset.enhanced) return;
    root.dataset.enhanced = '1';
    var box = document.createElement('div');
    box.className = 'tag-picker-box';
    var input = document.createElement('input');
    input.type = 'text';
    input.placeholder = 'Add tags...';
    input.setAttribute('autocomplete', 'off');
    input.setAttribute('aria-label', 'Add tags');
    input.setAttribute('data-tag-picker-input', '');
    var list = document.createElement('ul');
    list.className = 'suggestions';
    list.hidden = true;
    list.setAttribute('role', 'listbox');
    box.appendChild(input);
    root.appendChild(box);
    root.appendChild(list);
    var highlighted = 0;

    function options() { return Array.prototype.slice.call(select.options); }
    function changed() { render(); select.dispatchEvent(new Event('change', { bubbles: true })); }

    function render() {
      box.querySelectorAll('.chip').forEach(function (c) { c.remove(); });
      options().filter(function (o) { return o.selected; }).forEach(function (o) {
        var c = chip(o.value, o.getAttribute('data-color'));
        c.setAttribute('data-tag-picker-chip', o.value);
        c.setAttribute('role', 'button');
        c.setAttribute('tabindex', '0');
        c.title = 'Remove ' + o.value;
        var x = document.createElement('span');
        x.className = 'chip-remove';
        x.textContent = '×';
        c.appendChild(x);
        c.addEventListener('click', function () { o.selected = false; changed(); });
        box.insertBefore(c, input);
      });
    }

    function matches() {
      var text = input.value.trim().toLowerCase();
      return options().filter(function (o) { return !o.selected && o.value.indexOf(text) >= 0; });
    }

    function showList() {
      var found = matches();
      list.innerHTML = '';
      if (highlighted >= found.length) highlighted = 0;
      if (found.length === 0) {
        var empty = document.createElement('li');
        empty.className = 'empty';
        empty.textContent = 'No matching tags.';
        list.appendChild(empty);
      }
      found.forEach(function (o, i) {
        var li = document.createElement('li');
        li.setAttribute('role', 'option');
        li.setAttribute('data-tag-option', o.value);
        if (i === highlighted) li.className = 'highlighted';
        var sw = document.createElement('span');
        sw.className = 'swatch';
        sw.style.background = o.getAttribute('data-color') || '#e2e8f0';
        li.appendChild(sw);
        li.appendChild(document.createTextNode(o.value));
        li.addEventListener('mousedown', function (e) { e.preventDefault(); add(o); });
        list.appendChild(li);
      });
      list.hidden = false;
    }

    function add(option) {
      option.selected = true;
      input.value = '';
      highlighted = 0;
      changed();
      showList();
    }

    input.addEventListener('focus', showList);
    input.addEventListener('input', function () { highlighted = 0; showList(); });
    input.addEventListener('blur', function () { list.hidden = true; });
    input.addEventListener('keydown', function (e) {
      var found = matches();
      if (e.key === 'ArrowDown') { e.preventDefault(); highlighted = Math.min(found.length - 1, highlighted + 1); showList(); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); highlighted = Math.max(0, highlighted - 1); showList(); }
      else if (e.key === 'Enter') { e.preventDefault(); if (found[highlighted]) add(found[highlighted]); }
      else if (e.key === 'Escape') { if (!list.hidden) { e.stopPropagation(); list.hidden = true; } }
      else if (e.key === 'Backspace' && input.value === '') {
        var chosen = options().filter(function (o) { return o.selected; });
        if (chosen.length) { chosen[chosen.length - 1].selected = false; changed(); }
      }
    });
    root.ipocketTagPicker = {
      set: function (names) { options().forEach(function (o) { o.selected = names.indexOf(o.value) >= 0; }); render(); },
      values: function () { return options().filter(function (o) { return o.selected; }).map(function (o) { return o.value; }); },
    };
    render();
  }

  function enhanceAll() { document.querySelectorAll('[data-tag-picker]').forEach(enhance); }
  window.ipocketTagPickers = { enhanceAll: enhanceAll, readableText: readableText, chip: chip };
  enhanceAll();
})();
