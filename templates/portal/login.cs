<?cs # login.cs: the sign-in form (GET/POST /login). Reads Login.Error,
  Login.Expired, Login.Wait.Until, Form.username/next. ?><?cs
include:"layout/header.cs" ?>
<section class="narrow">
<h1><?cs var:Lang.Login.Title ?></h1><?cs
if:Login.Expired ?>
<p class="flash flash-info" role="status"><?cs var:Lang.Login.Expired ?></p><?cs
/if ?><?cs
if:Login.Error ?>
<div class="form-summary" role="alert">
<p><?cs call:msg(Login.Error) ?></p><?cs
  if:Login.Wait.Until ?>
<p><?cs var:Lang.Login.RetryAfter ?> <strong dir="ltr"><?cs var:Login.Wait.Until ?></strong></p><?cs
  /if ?>
</div><?cs
/if ?>
<p><?cs var:Lang.Login.Intro ?></p>
<form method="post" action="/login" class="form"><?cs
call:hidden_csrf() ?>
<input type="hidden" name="next" value="<?cs var:Form.next.Value ?>">
<div class="field<?cs if:Form.username.Error ?> has-error<?cs /if ?>">
<label for="f-username"><?cs var:Lang.Login.Username ?></label><?cs
if:Form.username.Error ?>
<p class="field-error" id="e-username"><?cs call:msg(Form.username.Error) ?></p><?cs
/if ?>
<input type="text" id="f-username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" dir="ltr" required value="<?cs var:Form.username.Value ?>"<?cs if:Form.username.Error ?> aria-invalid="true" aria-describedby="e-username"<?cs /if ?>>
</div>
<div class="field<?cs if:Form.password.Error ?> has-error<?cs /if ?>">
<label for="f-password"><?cs var:Lang.Login.Password ?></label><?cs
if:Form.password.Error ?>
<p class="field-error" id="e-password"><?cs call:msg(Form.password.Error) ?></p><?cs
/if ?>
<input type="password" id="f-password" name="password" autocomplete="current-password" dir="ltr" required<?cs if:Form.password.Error ?> aria-invalid="true" aria-describedby="e-password"<?cs /if ?>>
</div><?cs
call:submit(Lang.Login.Submit) ?>
</form>
</section><?cs
include:"layout/footer.cs" ?>
