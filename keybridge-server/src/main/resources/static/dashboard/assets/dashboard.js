// Keybridge dashboard: the only script. Copy buttons for show-once values, the environment switch on selection;
// pages work without it.
document.addEventListener('click', function (e) {
  var b = e.target.closest('[data-copy]');
  if (!b) { return; }
  var el = document.getElementById(b.getAttribute('data-copy'));
  if (el && navigator.clipboard) {
    navigator.clipboard.writeText(el.textContent.trim()).then(function () { b.textContent = 'Copied'; });
  }
});
// A select marked data-autosubmit (the environment switch) takes effect when chosen; its button stays for pages
// without the script.
document.addEventListener('change', function (e) {
  var s = e.target.closest('select[data-autosubmit]');
  if (s && s.form) { s.form.requestSubmit(); }
});
