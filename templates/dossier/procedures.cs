<?cs # procedures.cs: the procedures and the agency's closed days (GET
  /dossier/procedures; the re-rendered page of a rejected closed-day
  form). Reads Procedures.N.{Value, Label, Code, Number, Active},
  ClosedDays.N.{Day, Label}, Can.Configure and Form.*. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Dossier.Procedures.Title ?></h1><?cs
set:Form.day.Label = Lang.Dossier.Closed.Day ?><?cs
set:Form.label.Label = Lang.Dossier.Closed.Label ?><?cs
call:form_summary() ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Dossier.Procedures.Title ?>">
<table>
<caption><?cs var:Lang.Dossier.Procedures.Title ?></caption>
<thead><tr>
<th scope="col"><?cs var:Lang.Dossier.Procedures.Name ?></th>
<th scope="col"><?cs var:Lang.Dossier.RulesVersion ?></th>
<th scope="col"><?cs var:Lang.Dossier.Procedures.Active ?></th>
</tr></thead>
<tbody><?cs
each:p = Procedures ?>
<tr>
<td><a href="/dossier/procedures/<?cs var:p.Value ?>"><?cs var:p.Label ?></a></td>
<td><?cs var:p.Number ?></td>
<td><?cs if:p.Active ?><?cs var:Lang.Dossier.Yes ?><?cs else ?><?cs var:Lang.Dossier.No ?><?cs /if ?></td>
</tr><?cs
/each ?>
</tbody>
</table>
</div>
<section aria-labelledby="closed-h" id="closed">
<h2 id="closed-h"><?cs var:Lang.Dossier.Closed.Title ?></h2>
<p class="hint"><?cs var:Lang.Dossier.Closed.Hint ?></p>
<ul class="links"><?cs
each:c = ClosedDays ?>
<li><span dir="ltr"><?cs var:c.Day ?></span> <bdi><?cs var:c.Label ?></bdi><?cs
  if:Can.Configure ?>
<form method="post" action="/dossier/closed-days/delete" class="form-inline"><?cs call:hidden_csrf() ?>
<input type="hidden" name="day" value="<?cs var:c.Day ?>">
<button type="submit" class="btn-link"><?cs var:Lang.Dossier.Closed.Reopen ?> <span class="visually-hidden"><?cs var:c.Day ?></span></button>
</form><?cs
  /if ?></li><?cs
/each ?>
</ul><?cs
if:Can.Configure ?>
<form method="post" action="/dossier/closed-days" class="form-inline"><?cs call:hidden_csrf() ?><?cs
  call:field_text("day", Lang.Dossier.Closed.Day, "date", 1) ?><?cs
  call:field_text("label", Lang.Dossier.Closed.Label, "text", 1) ?><?cs
  call:submit(Lang.Dossier.Closed.Add) ?>
</form><?cs
/if ?>
</section><?cs
include:"layout/footer.cs" ?>
