// Ranges pages: the #used / #free bootstrap of the drill-down (ui.md §9.3) and its tag filter chips. Drawers are
// crud-drawers.js; events are delegated, so rows swapped in by htmx need no re-binding.
(function () {
  'use strict';
  var TAG_RE = /^[a-z0-9_-]+$/;
  var filters = document.querySelector('[data-range-filters]');

  // Links from the dashboard end in #used / #free: turn the hash into the status filter, keeping the hash.
  if (filters && (location.hash === '#used' || location.hash === '#free')) {
    var params = new URLSearchParams(location.search);
    if (!params.has('status')) {
      params.set('status', location.hash.slice(1));
      location.replace(location.pathname + '?' + params.toString() + location.hash);
      return;
    }
  }

  function submitFilters() { if (filters.requestSubmit) filters.requestSubmit(); else filters.submit(); }

  function addTag(tag) {
    if (!TAG_RE.test(tag) || filters.querySelector('input[name="tag"][value="' + tag + '"]')) return;
    var option = document.querySelector('#range-tag-suggestions option[value="' + tag + '"]');
    var chip = document.createElement('span');
    chip.className = 'chip';
    chip.textContent = tag;
    var input = document.createElement('input');
    input.type = 'hidden';
    input.name = 'tag';
    input.value = tag;
    chip.appendChild(input);
    filters.querySelector('[data-range-tag-group]').appendChild(chip);
    if (!option) chip.title = 'No tag with this name yet';
    submitFilters();
  }

  if (filters) {
    var input = filters.querySelector('[data-range-tag-filter-input]');
    input.addEventListener('keydown', function (e) {
      if (e.key !== 'Enter' && e.key !== ',') return;
      e.preventDefault();
      var value = input.value.trim().toLowerCase();
      input.value = '';
      if (value) addTag(value);
    });
    input.addEventListener('change', function () {
      var value = input.value.trim().toLowerCase();
      if (document.querySelector('#range-tag-suggestions option[value="' + value + '"]')) { input.value = ''; addTag(value); }
    });
    filters.addEventListener('click', function (e) {
      var remove = e.target.closest && e.target.closest('[data-range-remove-tag]');
      if (!remove) return;
      remove.closest('.chip').remove();
      submitFilters();
    });
  }
})();
