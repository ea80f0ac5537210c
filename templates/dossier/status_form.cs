<?cs # status_form.cs: GET /status and the 422/429 of POST /status (and of
  POST /status/code without a reference): the reference of the
  application and the date of birth, to ask for a code by SMS. Reads
  Form.{ref,birth_date}.*, Status.Error (a language key),
  Status.RetryAt. ?><?cs
include:"dossier/status_header.cs" ?>
<h1><?cs var:Lang.Status.Title ?></h1>
<form method="post" action="/status" class="form" novalidate><?cs
set:Form.ref.Label = Lang.Status.Reference ?><?cs
set:Form.birth_date.Label = Lang.Status.BirthDate ?><?cs
call:form_summary() ?><?cs
call:hidden_csrf() ?>
<p><?cs var:Lang.Status.Intro ?></p>
<div class="field<?cs if:Form.ref.Error ?> has-error<?cs /if ?>"><?cs
call:field_label("ref", Lang.Status.Reference, 1) ?>
<p class="hint" id="h-ref"><?cs var:Lang.Status.ReferenceHint ?></p>
<input type="text" dir="ltr" autocapitalize="characters" autocomplete="off" id="f-ref" name="ref" aria-required="true" aria-describedby="h-ref<?cs if:Form.ref.Error ?> e-ref<?cs /if ?>"<?cs
  if:Form.ref.Error ?> aria-invalid="true"<?cs /if ?> value="<?cs var:Form.ref.Value ?>">
</div>
<div class="field<?cs if:Form.birth_date.Error ?> has-error<?cs /if ?>"><?cs
call:field_label("birth_date", Lang.Status.BirthDate, 1) ?>
<p class="hint" id="h-birth_date"><?cs var:Lang.Status.BirthDateHint ?></p>
<input type="date" dir="ltr" autocomplete="bday" id="f-birth_date" name="birth_date" aria-required="true" aria-describedby="h-birth_date<?cs if:Form.birth_date.Error ?> e-birth_date<?cs /if ?>"<?cs
  if:Form.birth_date.Error ?> aria-invalid="true"<?cs /if ?> value="<?cs var:Form.birth_date.Value ?>">
</div><?cs
call:submit(Lang.Status.SendCode) ?>
</form><?cs
include:"dossier/status_footer.cs" ?>
