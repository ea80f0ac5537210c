<?cs # summary.cs: GET /registration/summary (and a refused POST
  /registration/save): the household to review before saving
  (Household.N.* with every field; Draft.Undecided duplicate decisions
  waiting), the triage proposed by the rules (Triage.{Proposed,
  ProposedLabel, Priority, Reasons.N.Text}) and the procedure the
  registrar confirms or changes with a reason (Procedures.N);
  Summary.Error when the save was refused or failed. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Registration.Summary.Title ?></h1><?cs
set:Form.procedure.Label = Lang.Registration.Field.Procedure ?><?cs
set:Form.reason.Label = Lang.Registration.Field.OverrideReason ?><?cs
call:form_summary() ?><?cs
if:Summary.Error ?>
<div class="flash flash-error" role="alert"><p><?cs var:Summary.Error ?></p></div><?cs
/if ?><?cs
each:m = Household ?>
<section class="card" aria-labelledby="m-<?cs var:m.Position ?>">
<h2 id="m-<?cs var:m.Position ?>"><bdi><?cs var:m.Name ?></bdi> (<?cs var:m.Relation ?>)</h2>
<dl class="facts">
<dt><?cs var:Lang.Registration.Field.Latin ?></dt><dd><bdi><?cs var:m.Latin ?></bdi></dd>
<dt><?cs var:Lang.Registration.Field.Sex ?></dt><dd><?cs var:m.Sex ?></dd>
<dt><?cs var:Lang.Registration.Field.Birth ?></dt><dd><bdi><?cs var:m.Birth ?></bdi></dd>
<dt><?cs var:Lang.Registration.Field.Nationality ?></dt><dd><?cs var:m.Nationality ?></dd>
<dt><?cs var:Lang.Registration.Field.Languages ?></dt><dd><bdi><?cs var:m.Languages ?></bdi><?cs if:m.Interpreter ?> (<?cs var:Lang.Registration.Field.Interpreter ?><?cs var:Lang.Form.Colon ?> <?cs var:m.Interpreter ?>)<?cs /if ?></dd>
<dt><?cs var:Lang.Registration.Field.Phone ?></dt><dd dir="ltr"><?cs var:m.Phone ?></dd>
<dt><?cs var:Lang.Registration.Field.DocNumber ?></dt><dd dir="ltr"><?cs var:m.DocNumber ?> <?cs var:m.DocExpiry ?></dd>
<dt><?cs var:Lang.Registration.Member.Needs ?></dt><dd><?cs each:n = m.Needs ?><?cs var:n ?><?cs if:!last(n) ?>, <?cs /if ?><?cs /each ?></dd>
<dt><?cs var:Lang.Registration.Field.Check ?></dt><dd><?cs
  if:m.Decision == "link" ?><?cs var:Lang.Registration.Decision.Link ?> <span dir="ltr"><?cs var:m.Link ?></span><?cs
  elif:m.Decision == "create" ?><?cs var:Lang.Registration.Decision.Create ?><?cs
  else ?><a href="/registration/member/<?cs var:m.Position ?>/match"><?cs var:Lang.Registration.Decision.Waiting ?></a><?cs
  /if ?></dd>
</dl>
<p><a href="/registration/member/<?cs var:m.Position ?>"><?cs var:Lang.Registration.Summary.Edit ?></a></p>
</section><?cs
/each ?>
<section aria-labelledby="triage-h">
<h2 id="triage-h"><?cs var:Lang.Registration.Summary.Triage ?></h2>
<p><?cs var:Lang.Registration.Summary.Proposed ?> <strong><?cs var:Triage.ProposedLabel ?></strong><?cs
if:Triage.Priority ?> (<?cs var:Lang.Registration.Summary.Priority ?>)<?cs /if ?></p><?cs
if:subcount(Triage.Reasons) > 0 ?>
<ul class="reasons"><?cs
  each:t = Triage.Reasons ?>
<li><?cs var:t.Text ?></li><?cs
  /each ?>
</ul><?cs
else ?>
<p class="hint"><?cs var:Lang.Registration.Summary.NoRule ?></p><?cs
/if ?>
</section><?cs
if:Draft.Undecided > 0 ?>
<p class="note"><?cs var:Lang.Registration.Error.Undecided ?></p><?cs
/if ?>
<form method="post" action="/registration/save" class="form"><?cs call:hidden_csrf() ?>
<input type="hidden" name="draft" value="<?cs var:Draft.Id ?>"><?cs
call:field_select("procedure", Lang.Registration.Field.Procedure, Procedures, 1) ?>
<p class="hint"><?cs var:Lang.Registration.Summary.OverrideHint ?></p><?cs
call:field_text("reason", Lang.Registration.Field.OverrideReason, "text", 0) ?><?cs
call:submit(Lang.Registration.Summary.Save) ?>
</form>
<p><a href="/registration"><?cs var:Lang.Registration.BackToDesk ?></a></p><?cs
include:"layout/footer.cs" ?>
