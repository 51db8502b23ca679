// Keybridge dashboard: the only script. Copy buttons for show-once values, the environment switch on selection,
// confirmation of destructive actions; pages work without it.
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
// A form marked data-confirm (revoke, disconnect, rotate, remove, delete) asks first, in a modal <dialog> naming what
// will be lost: focus starts on Cancel, Escape cancels, the confirm button submits. Without the script the form
// submits at once.
var confirmDialog = null;
function confirmation() {
  if (confirmDialog) { return confirmDialog; }
  var d = document.createElement('dialog');
  d.id = 'confirm-dialog';
  d.className = 'confirm';
  d.setAttribute('aria-labelledby', 'confirm-title');
  d.setAttribute('aria-describedby', 'confirm-message');
  var h = document.createElement('h2');
  h.id = 'confirm-title';
  h.textContent = 'Are you sure?';
  var p = document.createElement('p');
  p.id = 'confirm-message';
  var row = document.createElement('div');
  row.className = 'row';
  var cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.id = 'confirm-cancel';
  cancel.className = 'secondary';
  cancel.textContent = 'Cancel';
  var ok = document.createElement('button');
  ok.type = 'button';
  ok.id = 'confirm-ok';
  ok.className = 'danger';
  row.appendChild(cancel);
  row.appendChild(ok);
  d.appendChild(h);
  d.appendChild(p);
  d.appendChild(row);
  cancel.addEventListener('click', function () { d.close('cancel'); });
  ok.addEventListener('click', function () { d.close('confirm'); });
  d.addEventListener('close', function () {
    var form = d.pendingForm, submitter = d.pendingSubmitter;
    d.pendingForm = null;
    d.pendingSubmitter = null;
    if (!form) { return; }
    if (d.returnValue === 'confirm') {
      form.confirmed = true;
      if (submitter) { form.requestSubmit(submitter); } else { form.requestSubmit(); }
      form.confirmed = false;
    } else if (submitter) {
      submitter.focus();
    }
  });
  document.body.appendChild(d);
  confirmDialog = d;
  return d;
}
document.addEventListener('submit', function (e) {
  var form = e.target;
  var message = form.getAttribute('data-confirm');
  if (!message || form.confirmed || typeof HTMLDialogElement === 'undefined') { return; }
  e.preventDefault();
  var d = confirmation();
  var submitter = e.submitter || form.querySelector('[type=submit]');
  d.querySelector('#confirm-message').textContent = message;
  d.querySelector('#confirm-ok').textContent = form.getAttribute('data-confirm-button') ||
    (submitter ? submitter.textContent.trim() : 'Confirm');
  d.pendingForm = form;
  d.pendingSubmitter = submitter;
  d.returnValue = '';
  d.showModal();
  d.querySelector('#confirm-cancel').focus();
});
