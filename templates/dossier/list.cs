<?cs # list.cs: the work lists (GET /dossier). Reads List.{Name, Sort,
  Procedure, Status, Page, Count, Query, PrevHref, NextHref},
  Tabs.N.{Name, Label, Href, Current}, Procedures.N.{Value, Label},
  Statuses.N.{Value, Label}, Rows.N.{Id, Reference, Procedure, Status,
  Lodged, Due, Left, Light, Name, Officer, Sealed, Version,
  ExchangeOverdue},
  Officers.N.{Value, Label} and Can.{Assign, Create, Monitor}. Every link and
  the filter form keep the list, filters and order in the URL. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Dossier.Lists.Title ?></h1><?cs
set:Form.agent_id.Label = Lang.Dossier.Lists.AssignTo ?><?cs
call:form_summary() ?><?cs
if:Can.Create ?>
<p class="links"><a href="/identity"><?cs var:Lang.Dossier.Lists.NewHint ?></a> · <a href="/dossier/procedures"><?cs var:Lang.Dossier.Procedures.Title ?></a><?cs
  if:Can.Monitor ?> · <a href="/dossier/monitor"><?cs var:Lang.Dossier.Monitor.Link ?></a><?cs /if ?></p><?cs
else ?>
<p class="links"><a href="/dossier/procedures"><?cs var:Lang.Dossier.Procedures.Title ?></a><?cs
  if:Can.Monitor ?> · <a href="/dossier/monitor"><?cs var:Lang.Dossier.Monitor.Link ?></a><?cs /if ?></p><?cs
/if ?>
<nav class="tabs" aria-label="<?cs var:Lang.Dossier.Lists.Tabs ?>"><ul><?cs
each:t = Tabs ?>
<li><a href="<?cs var:url_validate(t.Href) ?>"<?cs if:t.Current ?> aria-current="page"<?cs /if ?>><?cs var:t.Label ?></a></li><?cs
/each ?>
</ul></nav>
<form method="get" action="/dossier" class="form-inline filters">
<input type="hidden" name="list" value="<?cs var:List.Name ?>">
<div class="field"><label for="f-procedure"><?cs var:Lang.Dossier.Procedure ?></label>
<select id="f-procedure" name="procedure"><option value="0"><?cs var:Lang.Dossier.Lists.Any ?></option><?cs
each:p = Procedures ?><option value="<?cs var:p.Value ?>"<?cs if:p.Value == List.Procedure ?> selected<?cs /if ?>><?cs var:p.Label ?></option><?cs /each ?>
</select></div>
<div class="field"><label for="f-status"><?cs var:Lang.Dossier.Status ?></label>
<select id="f-status" name="status"><option value=""><?cs var:Lang.Dossier.Lists.Any ?></option><?cs
each:s = Statuses ?><option value="<?cs var:s.Value ?>"<?cs if:string.length(List.Status) == string.length(s.Value) && s.Value == List.Status ?> selected<?cs /if ?>><?cs var:s.Label ?></option><?cs /each ?>
</select></div>
<div class="field"><label for="f-sort"><?cs var:Lang.Dossier.Lists.Sort ?></label>
<select id="f-sort" name="sort">
<option value="due"<?cs if:List.Sort == "due" ?> selected<?cs /if ?>><?cs var:Lang.Dossier.Lists.SortDue ?></option>
<option value="lodged"<?cs if:List.Sort == "lodged" ?> selected<?cs /if ?>><?cs var:Lang.Dossier.Lists.SortLodged ?></option>
</select></div>
<div class="actions"><button type="submit" class="btn btn-secondary"><?cs var:Lang.Dossier.Lists.Apply ?></button></div>
</form>
<form method="post" action="/dossier/assign"><?cs call:hidden_csrf() ?>
<input type="hidden" name="back" value="<?cs var:List.Query ?>">
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Dossier.Lists.Title ?>">
<table class="worklist">
<caption><?cs each:t = Tabs ?><?cs if:t.Current ?><?cs var:t.Label ?><?cs /if ?><?cs /each ?></caption>
<thead><tr><?cs if:Can.Assign ?><th scope="col"><span class="visually-hidden"><?cs var:Lang.Dossier.Lists.Select ?></span></th><?cs /if ?>
<th scope="col"><?cs var:Lang.Dossier.Reference ?></th>
<th scope="col"><?cs var:Lang.Dossier.Applicant ?></th>
<th scope="col"><?cs var:Lang.Dossier.Procedure ?></th>
<th scope="col"><?cs var:Lang.Dossier.Status ?></th>
<th scope="col"><?cs var:Lang.Dossier.LodgedOn ?></th>
<th scope="col"><?cs var:Lang.Dossier.NextDue ?></th>
<th scope="col"><?cs var:Lang.Dossier.Officer ?></th>
</tr></thead>
<tbody><?cs
if:subcount(Rows) > 0 ?><?cs
  each:d = Rows ?>
<tr><?cs if:Can.Assign ?><td><input type="checkbox" name="ids" value="<?cs var:d.Id ?>" id="sel-<?cs var:d.Id ?>" aria-label="<?cs var:Lang.Dossier.Lists.Select ?> <?cs var:d.Reference ?>"></td><?cs /if ?>
<td dir="ltr"><a href="/dossier/<?cs var:d.Id ?>"><?cs var:d.Reference ?></a><?cs if:d.Sealed ?> <span class="badge badge-none"><?cs var:Lang.Dossier.SealedBadge ?></span><?cs /if ?></td>
<td><?cs if:d.Name ?><bdi><?cs var:d.Name ?></bdi><?cs else ?><span class="muted"><?cs var:Lang.Dossier.SealedName ?></span><?cs /if ?></td>
<td><?cs var:d.Procedure ?></td>
<td><?cs var:d.Status ?></td>
<td dir="ltr"><?cs var:d.Lodged ?></td>
<td><?cs if:d.Due ?><span class="light light-<?cs var:d.Light ?>"><span dir="ltr"><?cs var:d.Due ?></span> (<?cs if:d.Left < 0 ?><?cs var:Lang.Dossier.Overdue ?><?cs else ?><?cs var:d.Left ?> <?cs var:Lang.Dossier.DaysLeft ?><?cs /if ?>)</span><?cs
  elif:d.Light == "paused" ?><span class="light light-paused"><?cs var:Lang.Dossier.Paused ?></span><?cs
  else ?>–<?cs /if ?><?cs
  if:d.ExchangeOverdue ?> <span class="light light-red exchange-overdue"><?cs var:Lang.Dossier.Exchange.OverdueMarker ?></span><?cs /if ?></td>
<td><bdi><?cs var:d.Officer ?></bdi></td>
</tr><?cs
  /each ?><?cs
else ?><?cs
  if:Can.Assign ?><?cs call:table_empty(8) ?><?cs else ?><?cs call:table_empty(7) ?><?cs /if ?><?cs
/if ?>
</tbody>
</table>
</div><?cs
if:Can.Assign && subcount(Rows) > 0 ?>
<div class="form-inline bulk"><?cs
  call:field_select("agent_id", Lang.Dossier.Lists.AssignTo, Officers, 0) ?>
<div class="actions"><button type="submit" class="btn"><?cs var:Lang.Dossier.Lists.AssignTicked ?></button></div>
</div><?cs
/if ?>
</form><?cs
if:List.PrevHref || List.NextHref ?>
<nav class="pager" aria-label="<?cs var:Lang.Pager.Label ?>"><ul><?cs
  if:List.PrevHref ?><li><a rel="prev" href="<?cs var:url_validate(List.PrevHref) ?>"><?cs var:Lang.Pager.Previous ?></a></li><?cs /if ?>
<li><span aria-current="page"><?cs var:List.Page ?></span></li><?cs
  if:List.NextHref ?><li><a rel="next" href="<?cs var:url_validate(List.NextHref) ?>"><?cs var:Lang.Pager.Next ?></a></li><?cs /if ?>
</ul></nav><?cs
/if ?><?cs
include:"layout/footer.cs" ?>
