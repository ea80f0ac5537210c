<?cs # dataprotection.cs: the data-protection page (GET /dataprotection;
  a rejected POST /dataprotection/holds). Reads Rules.N.{Category,
  KeepDays, Action, Starts, What, Source, Enabled, Version, UpdatedAt,
  UpdatedBy}, Holds.N.{Id, Kind, KindLabel, Entity, EntityLabel,
  EntityId, Reason, PlacedAt, PlacedBy, ReleasedAt, ReleasedBy},
  Options.{kind,entity}.N.{Value,Label} and Form.{kind, entity,
  entity_id, reason}. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.DataProtection.Title ?></h1>
<p><?cs var:Lang.DataProtection.Intro ?></p>
<p><a href="/dataprotection/requests"><?cs var:Lang.DataProtection.Request.Title ?></a></p>
<h2 id="rules-h"><?cs var:Lang.DataProtection.Rules ?></h2>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="rules-h">
<table>
<thead><tr>
<th scope="col"><?cs var:Lang.DataProtection.Rule.Category ?></th>
<th scope="col"><?cs var:Lang.DataProtection.Rule.KeepDays ?></th>
<th scope="col"><?cs var:Lang.DataProtection.Rule.Starts ?></th>
<th scope="col"><?cs var:Lang.DataProtection.Rule.What ?></th>
<th scope="col"><?cs var:Lang.DataProtection.Rule.Source ?></th>
<th scope="col"><?cs var:Lang.DataProtection.Rule.Version ?></th>
</tr></thead>
<tbody><?cs
each:x = Rules ?>
<tr>
<th scope="row"><a href="/dataprotection/rules/<?cs var:url_escape(x.Category) ?>" dir="ltr"><?cs var:x.Category ?></a><?cs
  if:x.Enabled == "0" ?> <span class="badge"><?cs var:Lang.DataProtection.Rule.Disabled ?></span><?cs /if ?></th>
<td dir="ltr"><?cs if:x.Action == "keep" ?><?cs var:Lang.DataProtection.Rule.Never ?><?cs else ?><?cs var:x.KeepDays ?><?cs /if ?></td>
<td><?cs var:x.Starts ?></td>
<td><?cs var:x.What ?></td>
<td><?cs var:x.Source ?></td>
<td><?cs var:x.Version ?><?cs if:x.UpdatedBy ?> (<?cs var:x.UpdatedBy ?>, <span dir="ltr"><?cs var:x.UpdatedAt ?></span>)<?cs /if ?></td>
</tr><?cs
/each ?>
</tbody>
</table>
</div>
<h2 id="holds-h"><?cs var:Lang.DataProtection.Holds ?></h2><?cs
if:subcount(Holds) == 0 ?>
<p><?cs var:Lang.DataProtection.Hold.None ?></p><?cs
else ?>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="holds-h">
<table>
<thead><tr>
<th scope="col"><?cs var:Lang.DataProtection.Hold.Id ?></th>
<th scope="col"><?cs var:Lang.DataProtection.Hold.Kind ?></th>
<th scope="col"><?cs var:Lang.DataProtection.Hold.Target ?></th>
<th scope="col"><?cs var:Lang.DataProtection.Hold.Reason ?></th>
<th scope="col"><?cs var:Lang.DataProtection.Hold.Placed ?></th>
<th scope="col"><?cs var:Lang.DataProtection.Hold.State ?></th>
</tr></thead>
<tbody><?cs
each:h = Holds ?>
<tr>
<td dir="ltr"><?cs var:h.Id ?></td>
<td><?cs var:h.KindLabel ?></td>
<td><?cs var:h.EntityLabel ?> <span dir="ltr"><?cs var:h.EntityId ?></span></td>
<td><bdi><?cs var:h.Reason ?></bdi></td>
<td><?cs var:h.PlacedBy ?> <span dir="ltr"><?cs var:h.PlacedAt ?></span></td>
<td><?cs if:h.ReleasedAt ?><?cs var:Lang.DataProtection.Hold.ReleasedOn ?> <span dir="ltr"><?cs var:h.ReleasedAt ?></span> (<?cs var:h.ReleasedBy ?>)<?cs
  else ?><a href="/dataprotection/holds/<?cs var:h.Id ?>/release"><?cs var:Lang.DataProtection.Hold.Release ?></a><?cs /if ?></td>
</tr><?cs
/each ?>
</tbody>
</table>
</div><?cs
/if ?>
<h2><?cs var:Lang.DataProtection.Hold.Add ?></h2><?cs
set:Form.kind.Label = Lang.DataProtection.Hold.Kind ?><?cs
set:Form.entity.Label = Lang.DataProtection.Hold.Entity ?><?cs
set:Form.entity_id.Label = Lang.DataProtection.Hold.EntityId ?><?cs
set:Form.reason.Label = Lang.DataProtection.Hold.Reason ?><?cs
call:form_summary() ?>
<form method="post" action="/dataprotection/holds" class="form"><?cs
call:hidden_csrf() ?><?cs
call:field_select("kind", Lang.DataProtection.Hold.Kind, Options.kind, 1) ?><?cs
call:field_select("entity", Lang.DataProtection.Hold.Entity, Options.entity, 1) ?><?cs
call:field_text("entity_id", Lang.DataProtection.Hold.EntityId, "text", 1) ?><?cs
call:field_text("reason", Lang.DataProtection.Hold.Reason, "text", 1) ?><?cs
call:submit(Lang.DataProtection.Hold.Place) ?>
</form><?cs
include:"layout/footer.cs" ?>
