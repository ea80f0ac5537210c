<?cs # rules.cs: the triage rules (GET /registration/rules), in rank
  order: Rules.N.{Id, Kind, Value, Procedure, Rank, Priority, Active,
  Reason, Updated}; each links to its form. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Registration.Rules.Title ?></h1>
<p><?cs var:Lang.Registration.Rules.Intro ?></p>
<p><a class="btn" href="/registration/rules/new"><?cs var:Lang.Registration.Rules.New ?></a></p>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="rules-caption">
<table>
<caption id="rules-caption"><?cs var:Lang.Registration.Rules.Caption ?></caption>
<thead><tr>
<th scope="col"><?cs var:Lang.Registration.Rules.Rank ?></th>
<th scope="col"><?cs var:Lang.Registration.Rules.Kind.Label ?></th>
<th scope="col"><?cs var:Lang.Registration.Rules.Value ?></th>
<th scope="col"><?cs var:Lang.Registration.Rules.Procedure ?></th>
<th scope="col"><?cs var:Lang.Registration.Rules.Priority ?></th>
<th scope="col"><?cs var:Lang.Registration.Rules.Active ?></th>
<th scope="col"><?cs var:Lang.Registration.Rules.LastReason ?></th>
</tr></thead>
<tbody><?cs
if:subcount(Rules) > 0 ?><?cs
  each:x = Rules ?>
<tr id="rule-<?cs var:x.Id ?>">
<td><?cs var:x.Rank ?></td>
<th scope="row"><a href="/registration/rules/<?cs var:x.Id ?>"><?cs var:x.Kind ?></a></th>
<td><bdi><?cs var:x.Value ?></bdi></td>
<td><?cs var:x.Procedure ?></td>
<td><?cs if:x.Priority == "1" ?><?cs var:Lang.Registration.Rules.Yes ?><?cs else ?><?cs var:Lang.Registration.Rules.No ?><?cs /if ?></td>
<td><?cs if:x.Active == "1" ?><?cs var:Lang.Registration.Rules.Enabled ?><?cs else ?><?cs var:Lang.Registration.Rules.Disabled ?><?cs /if ?></td>
<td><bdi><?cs var:x.Reason ?></bdi><?cs if:x.Updated ?> <span class="hint" dir="ltr">(<?cs var:x.Updated ?> UTC)</span><?cs /if ?></td>
</tr><?cs
  /each ?><?cs
else ?><?cs
  call:table_empty(7) ?><?cs
/if ?>
</tbody>
</table>
</div>
<p><a href="/registration"><?cs var:Lang.Registration.BackToDesk ?></a></p><?cs
include:"layout/footer.cs" ?>
