<?cs # merge.cs: merge two records (GET/POST /identity/merge/{a}/{b}).
  Reads Merge.{A, B, NameA, GivenA, NameB, GivenB, Show, Error,
  MergedInto, Rows.N.{Name, Label, A, B, Pick}} and Form.*. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Identity.Merge.Title ?></h1><?cs
if:Merge.Error ?>
<div class="form-summary" role="alert"><p><?cs call:msg(Merge.Error) ?><?cs
  if:Merge.MergedInto ?> <a href="/identity/persons/<?cs var:Merge.MergedInto ?>">#<?cs var:Merge.MergedInto ?></a><?cs /if ?></p>
<p><a href="/identity/persons/<?cs var:Merge.A ?>">#<?cs var:Merge.A ?></a> · <a href="/identity/persons/<?cs var:Merge.B ?>">#<?cs var:Merge.B ?></a></p></div><?cs
/if ?><?cs
if:Merge.Show == "1" ?><?cs
  call:form_summary() ?>
<p><?cs var:Lang.Identity.Merge.Intro ?></p>
<form method="post" action="/identity/merge/<?cs var:Merge.A ?>/<?cs var:Merge.B ?>" class="form"><?cs
  call:hidden_csrf() ?>
<input type="hidden" name="version_a" value="<?cs var:Form.version_a.Value ?>">
<input type="hidden" name="version_b" value="<?cs var:Form.version_b.Value ?>">
<fieldset class="survivor">
<legend><?cs var:Lang.Identity.Merge.Survivor ?></legend>
<div class="field field-check">
<input type="radio" id="survivor-a" name="survivor" value="a"<?cs if:Form.survivor.Value != "b" ?> checked<?cs /if ?>>
<label for="survivor-a">#<?cs var:Merge.A ?> <bdi><?cs var:Merge.NameA ?></bdi><?cs var:Lang.Form.Comma ?> <bdi><?cs var:Merge.GivenA ?></bdi></label>
</div>
<div class="field field-check">
<input type="radio" id="survivor-b" name="survivor" value="b"<?cs if:Form.survivor.Value == "b" ?> checked<?cs /if ?>>
<label for="survivor-b">#<?cs var:Merge.B ?> <bdi><?cs var:Merge.NameB ?></bdi><?cs var:Lang.Form.Comma ?> <bdi><?cs var:Merge.GivenB ?></bdi></label>
</div>
</fieldset>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Identity.Merge.Fields ?>">
<table class="compare merge">
<caption><?cs var:Lang.Identity.Merge.Fields ?></caption>
<thead><tr>
<th scope="col"><?cs var:Lang.Identity.Search.ReasonField ?></th>
<th scope="col">#<?cs var:Merge.A ?></th>
<th scope="col">#<?cs var:Merge.B ?></th>
</tr></thead>
<tbody><?cs
  each:row = Merge.Rows ?>
<tr>
<th scope="row" id="pick-<?cs var:row.Name ?>"><?cs var:row.Label ?></th>
<td><input type="radio" id="pick-<?cs var:row.Name ?>-a" name="pick_<?cs var:row.Name ?>" value="a"<?cs if:row.Pick == "a" ?> checked<?cs /if ?>>
<label for="pick-<?cs var:row.Name ?>-a"><bdi><?cs if:row.A ?><?cs var:row.A ?><?cs else ?><?cs var:Lang.Identity.Merge.Empty ?><?cs /if ?></bdi></label></td>
<td><input type="radio" id="pick-<?cs var:row.Name ?>-b" name="pick_<?cs var:row.Name ?>" value="b"<?cs if:row.Pick == "b" ?> checked<?cs /if ?>>
<label for="pick-<?cs var:row.Name ?>-b"><bdi><?cs if:row.B ?><?cs var:row.B ?><?cs else ?><?cs var:Lang.Identity.Merge.Empty ?><?cs /if ?></bdi></label></td>
</tr><?cs
  /each ?>
</tbody>
</table>
</div>
<p class="hint"><?cs var:Lang.Identity.Merge.Moves ?></p><?cs
  call:submit(Lang.Identity.Merge.Submit) ?>
</form><?cs
/if ?><?cs
include:"layout/footer.cs" ?>
