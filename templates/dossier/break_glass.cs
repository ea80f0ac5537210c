<?cs # break_glass.cs: GET/POST /dossier/{id}/break-glass: the reason asked
  before a sealed case file opens outside one's assignment. Reads
  Glass.{Id, Reference, Officer, Hours} and Form.reason. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Dossier.Glass.Title ?> <span dir="ltr"><?cs var:Glass.Reference ?></span></h1>
<p><?cs var:Lang.Dossier.Glass.Intro ?></p>
<p class="hint"><?cs var:Lang.Dossier.Glass.Logged ?> <?cs var:Lang.Dossier.Glass.Hours ?> <span dir="ltr"><?cs var:Glass.Hours ?></span></p><?cs
set:Form.reason.Label = Lang.Dossier.Glass.Reason ?><?cs
call:form_summary() ?>
<form method="post" action="/dossier/<?cs var:Glass.Id ?>/break-glass" class="form"><?cs
call:hidden_csrf() ?><?cs
call:field_text("reason", Lang.Dossier.Glass.Reason, "text", 1) ?><?cs
call:submit(Lang.Dossier.Glass.Open) ?>
</form>
<p><a href="/dossier"><?cs var:Lang.Dossier.Glass.Back ?></a></p><?cs
include:"layout/footer.cs" ?>
