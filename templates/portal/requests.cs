<?cs # requests.cs: persons' requests about their data (GET/POST
  /dataprotection/requests). Reads Requests.Counts.{Open, Due7, Overdue, Extended,
  Late}, Requests.List.N.{Id, Kind, KindLabel, PersonId, Requester,
  Received, Due, Status, DecisionLabel, Answered, Overdue},
  Options.kind.N and Form.{kind, person_id, requester, details,
  received_on}. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.DataProtection.Request.Title ?></h1>
<p><?cs var:Lang.DataProtection.Request.Intro ?></p>
<ul class="figures">
<li><?cs var:Lang.DataProtection.Request.Open ?> <strong><?cs var:Requests.Counts.Open ?></strong></li>
<li><?cs var:Lang.DataProtection.Request.Due7 ?> <strong><?cs var:Requests.Counts.Due7 ?></strong></li>
<li><?cs var:Lang.DataProtection.Request.Overdue ?> <strong><?cs var:Requests.Counts.Overdue ?></strong></li>
<li><?cs var:Lang.DataProtection.Request.Late ?> <strong><?cs var:Requests.Counts.Late ?></strong></li>
<li><?cs var:Lang.DataProtection.Request.ExtendedCount ?> <strong><?cs var:Requests.Counts.Extended ?></strong></li>
</ul>
<h2 id="list-h"><?cs var:Lang.DataProtection.Request.List ?></h2><?cs
if:subcount(Requests.List) == 0 ?>
<p><?cs var:Lang.DataProtection.Request.None ?></p><?cs
else ?>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="list-h">
<table>
<thead><tr>
<th scope="col"><?cs var:Lang.DataProtection.Request.Number ?></th>
<th scope="col"><?cs var:Lang.DataProtection.Request.KindLabel ?></th>
<th scope="col"><?cs var:Lang.DataProtection.Request.Requester ?></th>
<th scope="col"><?cs var:Lang.DataProtection.Request.Received ?></th>
<th scope="col"><?cs var:Lang.DataProtection.Request.DueOn ?></th>
<th scope="col"><?cs var:Lang.DataProtection.Request.State ?></th>
</tr></thead>
<tbody><?cs
each:q = Requests.List ?>
<tr>
<th scope="row"><a href="/dataprotection/requests/<?cs var:q.Id ?>" dir="ltr">#<?cs var:q.Id ?></a></th>
<td><?cs var:q.KindLabel ?></td>
<td><bdi><?cs var:q.Requester ?></bdi><?cs if:q.PersonId ?> (<a href="/identity/persons/<?cs var:q.PersonId ?>" dir="ltr"><?cs var:q.PersonId ?></a>)<?cs /if ?></td>
<td><span dir="ltr"><?cs var:q.Received ?></span></td>
<td><span dir="ltr"><?cs var:q.Due ?></span><?cs if:q.Extended ?> (<?cs var:Lang.DataProtection.Request.IsExtended ?>)<?cs /if ?></td>
<td><?cs if:q.Status == "answered" ?><?cs var:Lang.DataProtection.Request.AnsweredOn ?> <span dir="ltr"><?cs var:q.Answered ?></span> (<?cs var:q.DecisionLabel ?>)<?cs
  elif:q.Overdue == "1" ?><strong><?cs var:Lang.DataProtection.Request.IsOverdue ?></strong><?cs
  else ?><?cs var:Lang.DataProtection.Request.IsOpen ?><?cs /if ?></td>
</tr><?cs
/each ?>
</tbody>
</table>
</div><?cs
/if ?>
<h2><?cs var:Lang.DataProtection.Request.Add ?></h2><?cs
set:Form.kind.Label = Lang.DataProtection.Request.KindLabel ?><?cs
set:Form.person_id.Label = Lang.DataProtection.Request.PersonId ?><?cs
set:Form.requester.Label = Lang.DataProtection.Request.Requester ?><?cs
set:Form.details.Label = Lang.DataProtection.Request.Details ?><?cs
set:Form.received_on.Label = Lang.DataProtection.Request.Received ?><?cs
call:form_summary() ?>
<form method="post" action="/dataprotection/requests" class="form"><?cs
call:hidden_csrf() ?><?cs
call:field_select("kind", Lang.DataProtection.Request.KindLabel, Options.kind, 1) ?><?cs
call:field_text("requester", Lang.DataProtection.Request.Requester, "text", 1) ?><?cs
call:field_text("person_id", Lang.DataProtection.Request.PersonId, "text", 0) ?><?cs
call:field_textarea("details", Lang.DataProtection.Request.Details, 1) ?><?cs
call:field_text("received_on", Lang.DataProtection.Request.Received, "date", 1) ?><?cs
call:submit(Lang.DataProtection.Request.Record) ?>
</form><?cs
include:"layout/footer.cs" ?>
