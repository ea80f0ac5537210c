<?cs # collect.cs: GET /verify/collect[/{serial}] and the 422/429 of POST
  /verify/collect: the person's serial (prefilled from the SMS's link,
  Form.serial.Value) and the code received by SMS, to download their
  document. Reads Form.{serial,code}.*, Verify.Error (a language key),
  Verify.RetryAt. ?><?cs
include:"civil/verify_header.cs" ?>
<h1><?cs var:Lang.Verify.Collect.Title ?></h1><?cs
set:Form.serial.Label = Lang.Verify.Serial ?><?cs
set:Form.code.Label = Lang.Verify.Collect.Code ?><?cs
call:form_summary() ?>
<p><?cs var:Lang.Verify.Collect.Intro ?></p>
<form method="post" action="/verify/collect" class="form" novalidate><?cs
call:hidden_csrf() ?>
<div class="field<?cs if:Form.serial.Error ?> has-error<?cs /if ?>"><?cs
call:field_label("serial", Lang.Verify.Serial, 1) ?>
<p class="hint" id="h-serial"><?cs var:Lang.Verify.SerialHint ?></p>
<input type="text" dir="ltr" autocapitalize="characters" autocomplete="off" spellcheck="false" maxlength="40" id="f-serial" name="serial" aria-required="true" aria-describedby="h-serial<?cs if:Form.serial.Error ?> e-serial<?cs /if ?>"<?cs
  if:Form.serial.Error ?> aria-invalid="true"<?cs /if ?> value="<?cs var:Form.serial.Value ?>">
</div>
<div class="field<?cs if:Form.code.Error ?> has-error<?cs /if ?>"><?cs
call:field_label("code", Lang.Verify.Collect.Code, 1) ?>
<p class="hint" id="h-code"><?cs var:Lang.Verify.Collect.CodeHint ?></p>
<input type="text" dir="ltr" inputmode="numeric" autocomplete="one-time-code" maxlength="24" id="f-code" name="code" aria-required="true" aria-describedby="h-code<?cs if:Form.code.Error ?> e-code<?cs /if ?>"<?cs
  if:Form.code.Error ?> aria-invalid="true"<?cs /if ?> value="">
</div><?cs
call:submit(Lang.Verify.Collect.Submit) ?>
</form>
<p class="hint"><?cs var:Lang.Verify.Collect.Lost ?></p><?cs
include:"civil/verify_footer.cs" ?>
