<?cs # procedure.cs: a procedure's rules (GET /dossier/procedures/{id}; the
  re-rendered form of a rejected or conflicting save). Reads
  Procedure.{Id, Name, Number}, Def.Statuses.N.{Code, Label, Pauses,
  Final, Initial}, Def.Transitions.N.{From, To, Permission},
  Def.Deadlines.N.{Label, Start, Stop, Length, Unit, Extend, Source},
  Can.Configure, the Conflict node and Form.*. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Procedure.Name ?> <span class="hint">(<?cs var:Lang.Dossier.RulesVersion ?> <?cs var:Procedure.Number ?>)</span></h1><?cs
call:conflict_table(Lang.Dossier.Conflict, Lang.Dossier.ConflictAgain) ?><?cs
set:Form.name.Label = Lang.Dossier.Procedures.Name ?><?cs
set:Form.definition.Label = Lang.Dossier.Procedures.Definition ?><?cs
call:form_summary() ?>
<h2><?cs var:Lang.Dossier.Procedures.Deadlines ?></h2>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Dossier.Procedures.Deadlines ?>">
<table>
<caption><?cs var:Lang.Dossier.Procedures.Deadlines ?></caption>
<thead><tr>
<th scope="col"><?cs var:Lang.Dossier.Deadline ?></th>
<th scope="col"><?cs var:Lang.Dossier.Procedures.Starts ?></th>
<th scope="col"><?cs var:Lang.Dossier.Procedures.Stops ?></th>
<th scope="col"><?cs var:Lang.Dossier.Rule ?></th>
<th scope="col"><?cs var:Lang.Dossier.Procedures.Source ?></th>
</tr></thead>
<tbody><?cs
each:d = Def.Deadlines ?>
<tr><th scope="row"><?cs var:d.Label ?></th><td><?cs var:d.Start ?></td><td><?cs var:d.Stop ?></td>
<td><?cs var:d.Length ?> <?cs var:Lang.Dossier.UnitName[d.Unit] ?><?cs if:d.Extend > 0 ?> (+<?cs var:d.Extend ?>)<?cs /if ?></td>
<td><?cs var:d.Source ?></td></tr><?cs
/each ?>
</tbody>
</table>
</div>
<h2><?cs var:Lang.Dossier.Procedures.Statuses ?></h2>
<ul class="links"><?cs
each:s = Def.Statuses ?>
<li><?cs var:s.Label ?> <code dir="ltr"><?cs var:s.Code ?></code><?cs
  if:s.Initial == "1" ?> – <?cs var:Lang.Dossier.Procedures.Initial ?><?cs /if ?><?cs
  if:s.Pauses == "1" ?> – <?cs var:Lang.Dossier.Procedures.Pauses ?><?cs /if ?><?cs
  if:s.Final == "1" ?> – <?cs var:Lang.Dossier.Procedures.Final ?><?cs /if ?></li><?cs
/each ?>
</ul>
<h2><?cs var:Lang.Dossier.Procedures.Transitions ?></h2>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Dossier.Procedures.Transitions ?>">
<table>
<caption><?cs var:Lang.Dossier.Procedures.Transitions ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.Dossier.Procedures.From ?></th><th scope="col"><?cs var:Lang.Dossier.Procedures.To ?></th><th scope="col"><?cs var:Lang.Dossier.Procedures.Permission ?></th></tr></thead>
<tbody><?cs
each:t = Def.Transitions ?>
<tr><td><?cs var:t.From ?></td><td><?cs var:t.To ?></td><td><code dir="ltr"><?cs var:t.Permission ?></code></td></tr><?cs
/each ?>
</tbody>
</table>
</div><?cs
if:Can.Configure ?>
<h2><?cs var:Lang.Dossier.Procedures.Edit ?></h2>
<form method="post" action="/dossier/procedures/<?cs var:Procedure.Id ?>" class="form"><?cs call:hidden_csrf() ?>
<input type="hidden" name="version" value="<?cs var:Form.version.Value ?>"><?cs
  call:field_text("name", Lang.Dossier.Procedures.Name, "text", 1) ?><?cs
  call:field_checkbox("active", Lang.Dossier.Procedures.ActiveLabel) ?><?cs
  call:field_textarea("definition", Lang.Dossier.Procedures.Definition, 1) ?>
<p class="hint"><?cs var:Lang.Dossier.Procedures.DefinitionHint ?></p><?cs
  call:submit(Lang.Dossier.Procedures.Save) ?>
</form><?cs
/if ?><?cs
include:"layout/footer.cs" ?>
