// Data Ops: pages the per-record diff of an import result in the browser (the whole diff arrives with the page;
// without script every row is simply shown) and drops empty export filters, which the export routes refuse.
(function () {
  'use strict';
  var PAGE = 25;
  var plan = document.querySelector('[data-plan]');
  if (plan) {
    var rows = Array.prototype.slice.call(plan.querySelectorAll('[data-plan-row]'));
    var pager = plan.querySelector('[data-plan-pager]');
    var pages = Math.max(1, Math.ceil(rows.length / PAGE));
    var page = 1;
    var show = function () {
      rows.forEach(function (row, i) { row.hidden = i < (page - 1) * PAGE || i >= page * PAGE; });
      var from = rows.length ? (page - 1) * PAGE + 1 : 0;
      plan.querySelector('[data-plan-count]').textContent = 'Showing ' + from + '-' + Math.min(rows.length, page * PAGE) + ' of ' + rows.length;
      plan.querySelector('[data-plan-status]').textContent = 'Page ' + page + ' of ' + pages;
      plan.querySelector('[data-plan-prev]').disabled = page <= 1;
      plan.querySelector('[data-plan-next]').disabled = page >= pages;
    };
    if (rows.length > PAGE) {
      pager.hidden = false;
      plan.querySelector('[data-plan-prev]').addEventListener('click', function () { page -= 1; show(); });
      plan.querySelector('[data-plan-next]').addEventListener('click', function () { page += 1; show(); });
      show();
    }
  }
  var exportForm = document.querySelector('[data-export-filters]');
  if (exportForm) {
    exportForm.addEventListener('submit', function () {
      var fields = document.querySelectorAll('[form="export-filters"][name]');
      fields.forEach(function (el) { if (el.value === '' && el.type !== 'checkbox') el.disabled = true; });
      setTimeout(function () { fields.forEach(function (el) { el.disabled = false; }); }, 0);
    });
  }
})();
