<?cs # review.cs: the access review (GET /access-review). Reads
  Review.{Days, Min}, Review.Agents.N.{Actor, Persons, Outside, Sealed,
  Glass, Refused}, Review.Glass.N.{At, Actor, Reference, DossierId,
  Reason, Until} and Form.{days, min}. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.DataProtection.Review.Title ?></h1>
<p><?cs var:Lang.DataProtection.Review.Intro ?></p><?cs
set:Form.days.Label = Lang.DataProtection.Review.Days ?><?cs
set:Form.min.Label = Lang.DataProtection.Review.Min ?><?cs
call:form_summary() ?>
<form method="get" action="/access-review" class="form"><?cs
call:field_text("days", Lang.DataProtection.Review.Days, "text", 0) ?><?cs
call:field_text("min", Lang.DataProtection.Review.Min, "text", 0) ?><?cs
call:submit(Lang.DataProtection.Review.Show) ?>
</form>
<h2 id="agents-h"><?cs var:Lang.DataProtection.Review.Agents ?></h2>
<p><a download href="/access-review/export?days=<?cs var:Review.Days ?>&amp;min=<?cs var:Review.Min ?>&amp;table=agents"><?cs var:Lang.DataProtection.Review.Csv ?> – <?cs var:Lang.DataProtection.Review.Agents ?></a></p><?cs
if:subcount(Review.Agents) == 0 ?>
<p><?cs var:Lang.DataProtection.Review.NoAgents ?></p><?cs
else ?>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="agents-h">
<table>
<thead><tr>
<th scope="col"><?cs var:Lang.DataProtection.Review.Agent ?></th>
<th scope="col"><?cs var:Lang.DataProtection.Review.Persons ?></th>
<th scope="col"><?cs var:Lang.DataProtection.Review.Outside ?></th>
<th scope="col"><?cs var:Lang.DataProtection.Review.Sealed ?></th>
<th scope="col"><?cs var:Lang.DataProtection.Review.Glass ?></th>
<th scope="col"><?cs var:Lang.DataProtection.Review.Refused ?></th>
</tr></thead>
<tbody><?cs
each:a = Review.Agents ?>
<tr>
<th scope="row"><?cs var:a.Actor ?></th>
<td dir="ltr"><?cs var:a.Persons ?></td>
<td dir="ltr"><?cs var:a.Outside ?></td>
<td dir="ltr"><?cs var:a.Sealed ?></td>
<td dir="ltr"><?cs var:a.Glass ?></td>
<td dir="ltr"><?cs var:a.Refused ?></td>
</tr><?cs
/each ?>
</tbody>
</table>
</div><?cs
/if ?>
<h2 id="glass-h"><?cs var:Lang.DataProtection.Review.GlassList ?></h2>
<p><a download href="/access-review/export?days=<?cs var:Review.Days ?>&amp;table=glass"><?cs var:Lang.DataProtection.Review.Csv ?> – <?cs var:Lang.DataProtection.Review.GlassList ?></a></p><?cs
if:subcount(Review.Glass) == 0 ?>
<p><?cs var:Lang.DataProtection.Review.NoGlass ?></p><?cs
else ?>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="glass-h">
<table>
<thead><tr>
<th scope="col"><?cs var:Lang.DataProtection.Review.When ?></th>
<th scope="col"><?cs var:Lang.DataProtection.Review.Agent ?></th>
<th scope="col"><?cs var:Lang.DataProtection.Review.Dossier ?></th>
<th scope="col"><?cs var:Lang.DataProtection.Review.Reason ?></th>
<th scope="col"><?cs var:Lang.DataProtection.Review.Until ?></th>
</tr></thead>
<tbody><?cs
each:g = Review.Glass ?>
<tr>
<td><span dir="ltr"><?cs var:g.At ?></span></td>
<td><?cs var:g.Actor ?></td>
<td><a href="/dossier/<?cs var:g.DossierId ?>" dir="ltr"><?cs var:g.Reference ?></a></td>
<td><bdi><?cs var:g.Reason ?></bdi></td>
<td><span dir="ltr"><?cs var:g.Until ?></span></td>
</tr><?cs
/each ?>
</tbody>
</table>
</div><?cs
/if ?><?cs
include:"layout/footer.cs" ?>
