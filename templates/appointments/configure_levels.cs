<?cs # configure_levels.cs: the service levels (GET/POST
  /appointments/levels): which ones the public may choose. Reads
  ApptConf.Levels.N.{Code,Label,Field} and Form.<Field>.Value. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Appt.Levels.Title ?></h1><?cs
call:form_summary() ?>
<form method="post" action="/appointments/levels" class="form"><?cs
call:hidden_csrf() ?>
<input type="hidden" name="levels" value="1">
<fieldset>
<legend><?cs var:Lang.Appt.Levels.Caption ?></legend>
<p class="hint"><?cs var:Lang.ApptConf.LevelsHint ?></p><?cs
each:l = ApptConf.Levels ?><?cs
  call:field_checkbox(l.Field, l.Label) ?><?cs
/each ?>
</fieldset><?cs
call:submit(Lang.Appt.Levels.Submit) ?>
</form>
<p><a href="/appointments"><?cs var:Lang.ApptConf.BackHome ?></a></p><?cs
include:"layout/footer.cs" ?>
