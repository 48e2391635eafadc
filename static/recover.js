// If the playground's WebAssembly stops (a panic or a trap), say so plainly
// and offer the last saved world: it is saved after every change, so a
// reload restores it. Kept outside the app so it works when the app cannot.
(function () {
  // An embedded playground has no top bar: neither has its boot screen.
  if (/[?&]embed=1(&|$)/.test(location.search)) document.documentElement.classList.add('embed-boot');
  var shown = false;
  function show(detail) {
    if (shown) return;
    shown = true;
    var saved = null;
    try { saved = localStorage.getItem('kms-playground:world'); } catch (e) { /* storage disabled */ }
    var box = document.createElement('div');
    box.setAttribute('role', 'alertdialog');
    box.setAttribute('aria-labelledby', 'crash-title');
    box.setAttribute('data-testid', 'crash-dialog');
    box.className = 'crash';
    var title = document.createElement('h2');
    title.id = 'crash-title';
    title.textContent = 'The playground stopped unexpectedly';
    var text = document.createElement('p');
    text.textContent = 'Your account was saved after your last change. Reload to continue from there, '
      + 'or download the saved world to keep it. (' + String(detail || 'unknown error').slice(0, 300) + ')';
    var reload = document.createElement('button');
    reload.textContent = 'Reload';
    reload.className = 'btn btn-primary';
    reload.setAttribute('data-testid', 'crash-reload');
    reload.addEventListener('click', function () { location.reload(); });
    box.appendChild(title);
    box.appendChild(text);
    if (saved) {
      var download = document.createElement('button');
      download.textContent = 'Download the saved world';
      download.className = 'btn';
      download.setAttribute('data-testid', 'crash-download');
      download.addEventListener('click', function () {
        var a = document.createElement('a');
        a.href = URL.createObjectURL(new Blob([saved], { type: 'text/plain' }));
        a.download = 'kms-playground-saved-world.txt';
        a.click();
      });
      box.appendChild(download);
    }
    box.appendChild(reload);
    document.body.appendChild(box);
  }
  function isWasmFailure(error, message) {
    return (error && error.name === 'RuntimeError') || /panicked|unreachable|RuntimeError/.test(String(message || ''));
  }
  window.addEventListener('error', function (e) { if (isWasmFailure(e.error, e.message)) show(window.__kmsPanic || e.message); });
  window.addEventListener('unhandledrejection', function (e) {
    if (isWasmFailure(e.reason, e.reason && e.reason.message)) show(window.__kmsPanic || (e.reason && e.reason.message));
  });
})();
