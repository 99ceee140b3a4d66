// Says "Karpenter Lab did not start" only when it did not: the page was opened from the disk
// (file://, where browsers refuse to run its modules and workers), one of its scripts failed to
// load, or an error was thrown before the app replaced this notice. A slow first load shows
// "Loading Karpenter Lab…" meanwhile (index.html's CSS), not a false failure.
// A classic script (not a module), so it runs from file:// too; no inline script: the CSP allows
// the page's own files only.
(function () {
  var root = document.getElementById('root');
  if (!root) return;
  root.classList.add('watched');
  function failed() {
    if (root.querySelector('.not-started')) root.classList.add('failed');
  }
  if (location.protocol === 'file:') failed();
  // A script that cannot load fires "error" on its element (not bubbling: caught on the way down).
  window.addEventListener(
    'error',
    function (e) {
      var t = e.target;
      if (e instanceof ErrorEvent || (t && t.tagName === 'SCRIPT')) failed();
    },
    true,
  );
})();
