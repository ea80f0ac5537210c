<?cs # duplicate.cs: one pair of the review queue side by side
  (GET/POST /identity/duplicates/{pair}). Reads Pair.{Id, A, B, NameA,
  GivenA, NameB, GivenB, Status, StatusLabel, Origin, Reason, Stale,
  Detected, Decided, Score, Class, ClassLabel, Conflict, Group, Rows.N.{Label,
  Mine, Theirs, Differs, How, Bar, Percent, Detail}} and Form.*. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Identity.Queue.Pair ?></h1><?cs
if:Pair.Conflict ?>
<div class="form-summary" role="alert"><p><?cs var:Lang.Identity.Queue.Conflict ?></p></div><?cs
/if ?><?cs
set:Form.reason.Label = Lang.Identity.Dup.Reason ?><?cs
set:Form.verdict.Label = Lang.Identity.Dup.Question ?><?cs
call:form_summary() ?>
<p><span class="badge badge-<?cs var:Pair.Class ?>"><?cs var:Pair.ClassLabel ?></span>
<?cs var:Lang.Identity.Search.Score ?> <strong><?cs var:Pair.Score ?>%</strong> ·
<?cs var:Lang.Identity.Queue.Status ?><?cs var:Lang.Form.Colon ?> <?cs var:Pair.StatusLabel ?> ·
<?cs var:Lang.Identity.Queue.Origin ?><?cs var:Lang.Form.Colon ?> <?cs var:Pair.Origin ?> ·
<?cs var:Lang.Identity.Queue.Detected ?> <span dir="ltr"><?cs var:Pair.Detected ?></span></p><?cs
if:Pair.Group ?>
<p class="flash flash-info"><?cs var:Lang.Identity.Queue.Group ?> <strong><?cs var:Pair.Group ?></strong></p><?cs
/if ?><?cs
if:Pair.Reason ?>
<p><?cs var:Lang.Identity.Dup.Reason ?><?cs var:Lang.Form.Colon ?> <bdi><?cs var:Pair.Reason ?></bdi> <span dir="ltr"><?cs var:Pair.Decided ?></span></p><?cs
/if ?><?cs
if:Pair.Stale == "1" && Pair.Status == "distinct" ?>
<p class="flash flash-info"><?cs var:Lang.Identity.Queue.Stale ?></p><?cs
/if ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Identity.Queue.Caption ?>">
<table class="compare">
<caption><?cs var:Lang.Identity.Queue.Caption ?></caption>
<thead><tr>
<th scope="col"><?cs var:Lang.Identity.Search.ReasonField ?></th>
<th scope="col"><a href="/identity/persons/<?cs var:Pair.A ?>">#<?cs var:Pair.A ?> <bdi><?cs var:Pair.NameA ?></bdi></a></th>
<th scope="col"><a href="/identity/persons/<?cs var:Pair.B ?>">#<?cs var:Pair.B ?> <bdi><?cs var:Pair.NameB ?></bdi></a></th>
<th scope="col"><?cs var:Lang.Identity.Search.ReasonHow ?></th>
</tr></thead>
<tbody><?cs
each:row = Pair.Rows ?>
<tr<?cs if:row.Differs == "1" ?> class="differs"<?cs /if ?>>
<th scope="row"><?cs var:row.Label ?></th>
<td class="compare-mine"><bdi><?cs var:row.Mine ?></bdi></td>
<td class="compare-theirs"><bdi><?cs var:row.Theirs ?></bdi></td>
<td><?cs if:row.How ?><?cs var:row.How ?>
<span class="score-bar" role="img" aria-label="<?cs var:row.Percent ?>%"><span class="score-fill score-<?cs var:row.Bar ?>"></span></span> <span class="score-num"><?cs var:row.Percent ?>%</span><?cs
  if:row.Detail ?> <span class="hint"><bdi><?cs var:row.Detail ?></bdi><?cs if:row.Note ?> (<?cs var:row.Note ?>)<?cs /if ?></span><?cs /if ?><?cs
/if ?></td>
</tr><?cs
/each ?>
</tbody>
</table>
</div><?cs
if:Pair.StatusA == "active" && Pair.StatusB == "active" ?>
<form method="post" action="/identity/duplicates/<?cs var:Pair.Id ?>" class="form"><?cs
  call:hidden_csrf() ?>
<input type="hidden" name="version" value="<?cs var:Form.version.Value ?>">
<fieldset class="verdict<?cs if:Form.verdict.Error ?> has-error<?cs /if ?>" id="f-verdict">
<legend><?cs var:Lang.Identity.Dup.Question ?></legend><?cs
  if:Form.verdict.Error ?>
<p class="field-error"><?cs call:msg(Form.verdict.Error) ?></p><?cs
  /if ?>
<div class="field field-check">
<input type="radio" id="verdict-same" name="verdict" value="same"<?cs if:Form.verdict.Value == "same" ?> checked<?cs /if ?>>
<label for="verdict-same"><?cs var:Lang.Identity.Dup.Same ?></label>
</div>
<div class="field field-check">
<input type="radio" id="verdict-distinct" name="verdict" value="distinct"<?cs if:Form.verdict.Value == "distinct" ?> checked<?cs /if ?>>
<label for="verdict-distinct"><?cs var:Lang.Identity.Dup.Distinct ?></label>
</div>
</fieldset><?cs
  call:field_textarea("reason", Lang.Identity.Dup.Reason, 0) ?><?cs
  call:submit(Lang.Identity.Queue.Decide) ?>
</form><?cs
/if ?>
<p><a href="/identity/duplicates"><?cs var:Lang.Identity.Queue.Back ?></a></p><?cs
include:"layout/footer.cs" ?>
