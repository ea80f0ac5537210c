<?cs # view.cs: a dossier (GET /dossier/{id}; also the re-rendered page of
  its rejected or conflicting forms). Reads Dossier.{Id, Reference,
  Procedure, ProcedureNumber, Status, StatusLabel, LodgedOn, DecidedOn,
  Assignee, AssigneeName, Sealed, Version}, Household.N.{Id, Name, Latin,
  Birth, Nationality, Sex, Role, Relation}, Clocks.N.{Code, Label,
  Source, Started, Due, Left, Unit, Light, Length, Extended, ExtendLeft,
  Stopped, PausedSince}, Transitions.N.{To, Label, Allowed},
  Events.N.{When, Actor, Kind, From, To, Detail}, Documents.N.{Id, Title,
  Name, When, Type, KB}, Notes.N.{Author, When, Text},
  Decisions.N.{Outcome, OutcomeLabel, Text, Author, When},
  Officers.N.{Value, Label}, MissingLines.N.Line (the documents the
  applicant still has to bring, shown on /status), Can.{Edit, Decide,
  Assign, Seal}, the exchanges of exchanges.cs and the interviews of
  interviews.cs (included), the
  Conflict node and Form.* of the forms. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Dossier.Title ?> <span dir="ltr"><?cs var:Dossier.Reference ?></span><?cs
if:Dossier.Sealed ?> <span class="badge badge-none"><?cs var:Lang.Dossier.SealedBadge ?></span><?cs /if ?></h1><?cs
call:conflict_table(Lang.Dossier.Conflict, Lang.Dossier.ConflictAgain) ?><?cs
set:Form.reason.Label = Lang.Dossier.Reason ?><?cs
set:Form.agent_id.Label = Lang.Dossier.AssignTo ?><?cs
set:Form.person_id.Label = Lang.Dossier.PersonNumber ?><?cs
set:Form.title.Label = Lang.Dossier.DocumentTitle ?><?cs
set:Form.missing_documents.Label = Lang.Dossier.Missing.Field ?><?cs
set:Form.text.Label = Lang.Dossier.DecisionText ?><?cs
set:Form.note.Label = Lang.Dossier.NewNote ?><?cs
set:Form.to.Label = Lang.Dossier.Move ?><?cs
set:Form.by.Label = Lang.Dossier.ExtendBy ?><?cs
set:Form.file.Label = Lang.Dossier.DocumentFile ?><?cs
set:Form.outcome.Label = Lang.Dossier.Outcome ?><?cs
call:form_summary() ?><?cs
if:Dossier.ExchangesOverdue > 0 ?>
<p class="light light-red exchange-overdue"><a href="#exchanges"><?cs var:Lang.Dossier.Exchange.OverdueCount ?> <?cs var:Dossier.ExchangesOverdue ?></a></p><?cs
/if ?>
<section aria-labelledby="case-h">
<h2 id="case-h"><?cs var:Lang.Dossier.Case ?></h2>
<dl class="record">
<dt><?cs var:Lang.Dossier.Procedure ?></dt><dd><?cs var:Dossier.Procedure ?> <span class="hint">(<?cs var:Lang.Dossier.RulesVersion ?> <?cs var:Dossier.ProcedureNumber ?>)</span></dd>
<dt><?cs var:Lang.Dossier.Status ?></dt><dd><strong><?cs var:Dossier.StatusLabel ?></strong></dd>
<dt><?cs var:Lang.Dossier.LodgedOn ?></dt><dd dir="ltr"><?cs var:Dossier.LodgedOn ?></dd><?cs
if:Dossier.DecidedOn ?>
<dt><?cs var:Lang.Dossier.DecidedOn ?></dt><dd dir="ltr"><?cs var:Dossier.DecidedOn ?></dd><?cs /if ?>
<dt><?cs var:Lang.Dossier.Officer ?></dt><dd><?cs if:Dossier.AssigneeName ?><bdi><?cs var:Dossier.AssigneeName ?></bdi><?cs else ?><?cs var:Lang.Dossier.Unassigned ?><?cs /if ?></dd>
</dl><?cs
if:Can.RequestAct ?>
<p><a href="/civil/new?dossier=<?cs var:Dossier.Id ?>"><?cs var:Lang.Dossier.RequestAct ?></a></p><?cs
/if ?><?cs
if:subcount(Transitions) > 0 ?>
<form method="post" action="/dossier/<?cs var:Dossier.Id ?>/transition" class="form transition"><?cs call:hidden_csrf() ?>
<input type="hidden" name="version" value="<?cs var:Dossier.Version ?>">
<fieldset><legend><?cs var:Lang.Dossier.Move ?></legend><?cs
  if:Form.to.Error ?><p class="field-error" id="e-to"><?cs call:msg(Form.to.Error) ?></p><?cs /if ?><?cs
  each:t = Transitions ?><?cs
    if:t.Allowed ?>
<div class="field field-check"><input type="radio" name="to" value="<?cs var:t.To ?>" id="to-<?cs var:t.To ?>"><label for="to-<?cs var:t.To ?>"><?cs var:t.Label ?></label></div><?cs
    /if ?><?cs
  /each ?><?cs
  call:field_textarea("reason", Lang.Dossier.Reason, 0) ?>
</fieldset><?cs
  call:submit(Lang.Dossier.MoveButton) ?>
</form><?cs
/if ?><?cs
if:Can.Assign ?>
<form method="post" action="/dossier/<?cs var:Dossier.Id ?>/assign" class="form-inline"><?cs call:hidden_csrf() ?>
<input type="hidden" name="version" value="<?cs var:Dossier.Version ?>"><?cs
  call:field_select("agent_id", Lang.Dossier.AssignTo, Officers, 0) ?><?cs
  call:submit(Lang.Dossier.AssignButton) ?>
</form><?cs
/if ?><?cs
if:Can.Seal ?>
<form method="post" action="/dossier/<?cs var:Dossier.Id ?>/seal" class="form-inline"><?cs call:hidden_csrf() ?>
<input type="hidden" name="version" value="<?cs var:Dossier.Version ?>"><?cs
  if:Dossier.Sealed ?>
<button type="submit" class="btn btn-secondary"><?cs var:Lang.Dossier.Unseal ?></button><?cs
  else ?>
<input type="hidden" name="sealed" value="1">
<button type="submit" class="btn btn-secondary"><?cs var:Lang.Dossier.Seal ?></button><?cs
  /if ?>
</form><?cs
/if ?>
</section>

<section id="clocks">
<h2 id="clocks-h"><?cs var:Lang.Dossier.Clocks ?></h2>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Dossier.Clocks ?>">
<table class="clocks">
<caption><?cs var:Lang.Dossier.Clocks ?></caption>
<thead><tr>
<th scope="col"><?cs var:Lang.Dossier.Deadline ?></th>
<th scope="col"><?cs var:Lang.Dossier.Due ?></th>
<th scope="col"><?cs var:Lang.Dossier.Left ?></th>
<th scope="col"><?cs var:Lang.Dossier.Rule ?></th>
</tr></thead>
<tbody><?cs
if:subcount(Clocks) > 0 ?><?cs
  each:c = Clocks ?>
<tr>
<th scope="row"><?cs var:c.Label ?></th>
<td dir="ltr"><?cs var:c.Due ?></td>
<td><span class="light light-<?cs var:c.Light ?>"><?cs
    if:c.Light == "stopped" ?><?cs var:Lang.Dossier.StoppedOn ?> <span dir="ltr"><?cs var:c.Stopped ?></span><?cs
    elif:c.Light == "paused" ?><?cs var:Lang.Dossier.PausedSince ?> <span dir="ltr"><?cs var:c.PausedSince ?></span> (<?cs var:c.Left ?> <?cs var:Lang.Dossier.Unit[c.Unit] ?>)<?cs
    elif:c.Left < 0 ?><?cs var:Lang.Dossier.Overdue ?> (<?cs var:0 - c.Left ?> <?cs var:Lang.Dossier.Unit[c.Unit] ?>)<?cs
    else ?><?cs var:c.Left ?> <?cs var:Lang.Dossier.Unit[c.Unit] ?><?cs /if ?></span></td>
<td><?cs var:c.Length ?><?cs if:c.Extended > 0 ?> + <?cs var:c.Extended ?><?cs /if ?> <?cs var:Lang.Dossier.UnitName[c.Unit] ?>. <span class="hint"><?cs var:c.Source ?></span><?cs
    if:Can.Edit && c.ExtendLeft > 0 && !c.Stopped ?>
<form method="post" action="/dossier/<?cs var:Dossier.Id ?>/clocks/<?cs var:url_escape(c.Code) ?>/extend" class="form-inline extend"><?cs call:hidden_csrf() ?>
<input type="hidden" name="version" value="<?cs var:Dossier.Version ?>">
<label for="by-<?cs var:c.Code ?>"><?cs var:Lang.Dossier.ExtendBy ?></label>
<input type="number" min="1" max="<?cs var:c.ExtendLeft ?>" name="by" id="by-<?cs var:c.Code ?>" required>
<label for="why-<?cs var:c.Code ?>"><?cs var:Lang.Dossier.Reason ?></label>
<input type="text" name="reason" id="why-<?cs var:c.Code ?>" required maxlength="500">
<button type="submit" class="btn btn-small"><?cs var:Lang.Dossier.Extend ?></button>
</form><?cs
    /if ?></td>
</tr><?cs
  /each ?><?cs
else ?><?cs call:table_empty(4) ?><?cs
/if ?>
</tbody>
</table>
</div><?cs
if:Form.by.Error ?><p class="field-error" id="f-by"><?cs call:msg(Form.by.Error) ?></p><?cs /if ?>
</section>

<?cs include:"dossier/interviews.cs" ?>
<section id="household">
<h2 id="household-h"><?cs var:Lang.Dossier.Household ?></h2>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Dossier.Household ?>">
<table>
<caption><?cs var:Lang.Dossier.Household ?></caption>
<thead><tr>
<th scope="col"><?cs var:Lang.Dossier.Person ?></th>
<th scope="col"><?cs var:Lang.Dossier.Role ?></th>
<th scope="col"><?cs var:Lang.Dossier.Birth ?></th>
<th scope="col"><?cs var:Lang.Dossier.Nationality ?></th>
</tr></thead>
<tbody><?cs
each:p = Household ?>
<tr>
<td><a href="/identity/persons/<?cs var:p.Id ?>"><bdi><?cs var:p.Name ?></bdi></a><?cs if:p.Latin && p.Latin != p.Name ?> <span class="latin" dir="ltr">(<?cs var:p.Latin ?>)</span><?cs /if ?></td>
<td><?cs if:p.Role == "principal" ?><?cs var:Lang.Dossier.Principal ?><?cs else ?><?cs var:Lang.Dossier.Relation[p.Relation] ?><?cs /if ?></td>
<td><bdi><?cs var:p.Birth ?></bdi></td>
<td dir="ltr"><?cs var:p.Nationality ?></td>
</tr><?cs
/each ?>
</tbody>
</table>
</div><?cs
if:Can.Edit ?>
<form method="post" action="/dossier/<?cs var:Dossier.Id ?>/persons" class="form-inline"><?cs call:hidden_csrf() ?><?cs
  call:field_text("person_id", Lang.Dossier.PersonNumber, "number", 1) ?>
<div class="field"><label for="f-relation"><?cs var:Lang.Dossier.RelationLabel ?></label>
<select id="f-relation" name="relation"><?cs
  each:x = Lang.Dossier.Relation ?><option value="<?cs var:name(x) ?>"><?cs var:x ?></option><?cs /each ?>
</select></div><?cs
  call:submit(Lang.Dossier.AddMember) ?>
</form><?cs
/if ?>
</section>

<section aria-labelledby="documents-h" id="documents">
<h2 id="documents-h"><?cs var:Lang.Dossier.Documents ?></h2><?cs
if:subcount(Documents) > 0 ?>
<ul class="links"><?cs
  each:f = Documents ?>
<li><a href="/dossier/<?cs var:Dossier.Id ?>/documents/<?cs var:f.Id ?>"><bdi><?cs var:f.Title ?></bdi></a> <span class="hint" dir="ltr"><?cs var:f.Type ?>, <?cs var:f.KB ?> KB, <?cs var:f.When ?></span></li><?cs
  /each ?>
</ul><?cs
else ?>
<p class="muted"><?cs var:Lang.Dossier.NoDocuments ?></p><?cs
/if ?><?cs
if:Can.Edit ?>
<form method="post" action="/dossier/<?cs var:Dossier.Id ?>/documents" enctype="multipart/form-data" class="form"><?cs call:hidden_csrf() ?><?cs
  call:field_text("title", Lang.Dossier.DocumentTitle, "text", 1) ?>
<div class="field<?cs if:Form.file.Error ?> has-error<?cs /if ?>"><?cs
  call:field_label("file", Lang.Dossier.DocumentFile, 1) ?>
<input type="file" accept="application/pdf,image/jpeg,image/png"<?cs call:field_attrs("file", 1) ?>>
<p class="hint"><?cs var:Lang.Dossier.DocumentHint ?></p>
</div><?cs
  call:submit(Lang.Dossier.AddDocument) ?>
</form><?cs
/if ?>
</section>

<?cs include:"dossier/exchanges.cs" ?>
<section aria-labelledby="missing-h" id="missing">
<h2 id="missing-h"><?cs var:Lang.Dossier.Missing.Title ?></h2><?cs
if:Can.Edit ?>
<form method="post" action="/dossier/<?cs var:Dossier.Id ?>/missing" class="form"><?cs call:hidden_csrf() ?>
<input type="hidden" name="version" value="<?cs var:Dossier.Version ?>"><?cs
  call:field_textarea("missing_documents", Lang.Dossier.Missing.Field, 0) ?>
<p class="hint"><?cs var:Lang.Dossier.Missing.Hint ?></p><?cs
  call:submit(Lang.Dossier.Missing.Save) ?>
</form><?cs
elif:subcount(MissingLines) > 0 ?>
<ul><?cs each:m = MissingLines ?>
<li><bdi><?cs var:m.Line ?></bdi></li><?cs /each ?>
</ul><?cs
else ?>
<p class="muted"><?cs var:Lang.Dossier.Missing.None ?></p><?cs
/if ?>
</section>

<section aria-labelledby="decisions-h" id="decisions">
<h2 id="decisions-h"><?cs var:Lang.Dossier.Decisions ?></h2><?cs
each:x = Decisions ?>
<article class="card">
<h3><?cs var:x.OutcomeLabel ?></h3>
<p class="meta"><bdi><?cs var:x.Author ?></bdi><?cs var:Lang.Form.Comma ?> <span dir="ltr"><?cs var:x.When ?></span></p>
<p class="note"><?cs var:x.Text ?></p>
</article><?cs
/each ?><?cs
if:Can.Decide ?>
<form method="post" action="/dossier/<?cs var:Dossier.Id ?>/decisions" class="form"><?cs call:hidden_csrf() ?>
<div class="field<?cs if:Form.outcome.Error ?> has-error<?cs /if ?>"><?cs
  call:field_label("outcome", Lang.Dossier.Outcome, 1) ?>
<select<?cs call:field_attrs("outcome", 1) ?>><option value=""><?cs var:Lang.Form.Choose ?></option><?cs
  each:x = Lang.Dossier.Outcomes ?><option value="<?cs var:name(x) ?>"><?cs var:x ?></option><?cs /each ?>
</select></div><?cs
  call:field_textarea("text", Lang.Dossier.DecisionText, 1) ?><?cs
  call:submit(Lang.Dossier.AddDecision) ?>
</form><?cs
/if ?>
</section>

<section aria-labelledby="notes-h" id="notes">
<h2 id="notes-h"><?cs var:Lang.Dossier.Notes ?></h2><?cs
each:n = Notes ?>
<article class="card">
<p class="meta"><bdi><?cs var:n.Author ?></bdi><?cs var:Lang.Form.Comma ?> <span dir="ltr"><?cs var:n.When ?></span></p>
<p class="note"><?cs var:n.Text ?></p>
</article><?cs
/each ?><?cs
if:Can.Edit ?>
<form method="post" action="/dossier/<?cs var:Dossier.Id ?>/notes" class="form"><?cs call:hidden_csrf() ?><?cs
  call:field_textarea("note", Lang.Dossier.NewNote, 1) ?>
<p class="hint"><?cs var:Lang.Dossier.NoteHint ?></p><?cs
  call:submit(Lang.Dossier.AddNote) ?>
</form><?cs
/if ?>
</section>

<section aria-labelledby="timeline-h" id="timeline">
<h2 id="timeline-h"><?cs var:Lang.Dossier.Timeline ?></h2>
<ol class="timeline"><?cs
each:e = Events ?>
<li><span class="timeline-when" dir="ltr"><?cs var:e.When ?></span> <?cs var:Lang.Dossier.Event[e.Kind] ?><?cs
  if:e.Kind == "transition" ?><?cs var:Lang.Form.Colon ?> <?cs var:e.From ?> → <?cs var:e.To ?><?cs /if ?><?cs
  if:e.Detail && e.Kind != "member" ?> <span class="hint"><bdi><?cs var:e.Detail ?></bdi></span><?cs /if ?> – <bdi><?cs var:e.Actor ?></bdi></li><?cs
/each ?>
</ol>
</section><?cs
include:"layout/footer.cs" ?>
