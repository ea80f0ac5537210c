<?cs # status_code.cs: the answer of POST /status (always this page,
  whether the details matched or not) and the 422/429 of POST
  /status/code: the code received by SMS. The reference and the date of
  birth travel in hidden fields (Status.Ref, Status.BirthDate).
  Reads Form.code.*, Status.Error (a language key), Status.RetryAt. ?><?cs
include:"dossier/status_header.cs" ?>
<h1><?cs var:Lang.Status.Code.Title ?></h1><?cs
if:!Status.Error ?>
<p role="status"><?cs var:Lang.Status.Code.Sent ?></p><?cs
/if ?>
<form method="post" action="/status/code" class="form" novalidate><?cs
call:hidden_csrf() ?>
<input type="hidden" name="ref" value="<?cs var:Status.Ref ?>">
<input type="hidden" name="birth_date" value="<?cs var:Status.BirthDate ?>">
<p><?cs var:Lang.Status.Reference ?><?cs var:Lang.Form.Colon ?> <strong dir="ltr"><?cs var:Status.Ref ?></strong></p>
<div class="field<?cs if:Form.code.Error ?> has-error<?cs /if ?>"><?cs
call:field_label("code", Lang.Status.Code.Field, 1) ?>
<p class="hint" id="h-code"><?cs var:Lang.Status.Code.Hint ?></p>
<input type="text" dir="ltr" inputmode="numeric" autocomplete="one-time-code" maxlength="16" id="f-code" name="code" aria-required="true" aria-describedby="h-code<?cs if:Form.code.Error ?> e-code<?cs /if ?>"<?cs
  if:Form.code.Error ?> aria-invalid="true"<?cs /if ?> value="">
</div><?cs
call:submit(Lang.Status.Code.Submit) ?>
</form>
<p><a href="/status?ref=<?cs var:url_escape(Status.Ref) ?>"><?cs var:Lang.Status.Code.NewCode ?></a></p><?cs
include:"dossier/status_footer.cs" ?>
