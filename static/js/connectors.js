// Connectors page: while a job is queued or running the page reloads itself every second (ui.md §12), without an
// inline script; it stops once the server renders the job as finished.
(function () {
  'use strict';
  var job = document.querySelector('[data-job-refresh]');
  if (!job) return;
  var url = job.getAttribute('data-job-refresh');
  if (url.charAt(0) !== '/' || url.charAt(1) === '/') return;
  setTimeout(function () { location.replace(url); }, 1000);
})();
