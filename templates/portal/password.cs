<?cs # password.cs: change one's own password (GET/POST /password).
  Reads Password.MustChange and Form.current/new/confirm errors (the
  values of password fields are never echoed back). ?><?cs
include:"layout/header.cs" ?>
<section class="narrow">
<h1><?cs var:Lang.Password.Title ?></h1><?cs
if:Password.MustChange ?>
<p class="flash flash-info" role="status"><?cs var:Lang.Password.MustChange ?></p><?cs
/if ?><?cs
set:Form.current.Label = Lang.Password.Current ?><?cs
set:Form.new.Label = Lang.Password.New ?><?cs
set:Form.confirm.Label = Lang.Password.Confirm ?><?cs
call:form_summary() ?>
<p id="pw-rules"><?cs var:Lang.Password.Rules ?></p>
<form method="post" action="/password" class="form"><?cs
call:hidden_csrf() ?>
<div class="field<?cs if:Form.current.Error ?> has-error<?cs /if ?>">
<label for="f-current"><?cs var:Lang.Password.Current ?></label><?cs
if:Form.current.Error ?>
<p class="field-error" id="e-current"><?cs call:msg(Form.current.Error) ?></p><?cs
/if ?>
<input type="password" id="f-current" name="current" autocomplete="current-password" dir="ltr" required<?cs if:Form.current.Error ?> aria-invalid="true" aria-describedby="e-current"<?cs /if ?>>
</div>
<div class="field<?cs if:Form.new.Error ?> has-error<?cs /if ?>">
<label for="f-new"><?cs var:Lang.Password.New ?></label><?cs
if:Form.new.Error ?>
<p class="field-error" id="e-new"><?cs call:msg(Form.new.Error) ?></p><?cs
/if ?>
<input type="password" id="f-new" name="new" autocomplete="new-password" dir="ltr" minlength="12" required aria-describedby="pw-rules<?cs if:Form.new.Error ?> e-new<?cs /if ?>"<?cs if:Form.new.Error ?> aria-invalid="true"<?cs /if ?>>
</div>
<div class="field<?cs if:Form.confirm.Error ?> has-error<?cs /if ?>">
<label for="f-confirm"><?cs var:Lang.Password.Confirm ?></label><?cs
if:Form.confirm.Error ?>
<p class="field-error" id="e-confirm"><?cs call:msg(Form.confirm.Error) ?></p><?cs
/if ?>
<input type="password" id="f-confirm" name="confirm" autocomplete="new-password" dir="ltr" required<?cs if:Form.confirm.Error ?> aria-invalid="true" aria-describedby="e-confirm"<?cs /if ?>>
</div><?cs
call:submit(Lang.Password.Submit) ?>
</form>
</section><?cs
include:"layout/footer.cs" ?>
