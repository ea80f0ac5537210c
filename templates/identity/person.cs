<?cs # person.cs: a person's record (GET /identity/persons/{id}; also the
  re-rendered page of a rejected document, phone or photo form). Reads
  Person.{Id, FamilyName, GivenNames, FamilyLatin, GivenLatin, Sex,
  BirthDate, BirthPrecision, BirthPlace, Nationality, NationalityName,
  FatherName, MotherName, Source, SourceId, Status, MergedInto, Created,
  Updated, Version, CanEdit, Photo}, Person.Docs.N.{Id, Type, Number,
  Country, Expiry, Mrz}, Person.Phones.N.{Id, Value}, Person.DocTypes and
  Form.* of the forms; Person.DeathDate, Person.Family.N.{Id,
  RelativeId, Relation, RelationLabel, FamilyName, GivenNames, BirthDate,
  DeathDate, Nationality, Sex, Status}, Person.Relations,
  Person.Warnings.N.{Text, Detail, When, By}, Person.Merges.N.{Id,
  Survivor, Merged, Status, When}, Person.CanMerge; the duplicate check
  and warnings of the document form (Dup.Form / Warn.Form "document"),
  or the warnings of the family form. ?><?cs
include:"layout/header.cs" ?>
<h1><bdi><?cs var:Person.FamilyName ?></bdi><?cs if:Person.GivenNames ?><?cs var:Lang.Form.Comma ?> <bdi><?cs var:Person.GivenNames ?></bdi><?cs /if ?></h1><?cs
if:Person.Status == "merged" ?>
<p class="flash flash-warning" role="status"><?cs var:Lang.Identity.Merged ?> <a href="/identity/persons/<?cs var:Person.MergedInto ?>">#<?cs var:Person.MergedInto ?></a></p><?cs
/if ?><?cs
set:Form.doc_type.Label = Lang.Identity.Field.DocType ?><?cs
set:Form.number.Label = Lang.Identity.Field.DocumentNumber ?><?cs
set:Form.issuing_country.Label = Lang.Identity.Field.IssuingCountry ?><?cs
set:Form.issued.Label = Lang.Identity.Field.IssuedInput ?><?cs
set:Form.expiry.Label = Lang.Identity.Field.ExpiryInput ?><?cs
set:Form.mrz.Label = Lang.Identity.Field.MrzInput ?><?cs
set:Form.phone.Label = Lang.Identity.Field.Phone ?><?cs
set:Form.relative_id.Label = Lang.Identity.Family.RelativeId ?><?cs
set:Form.relation.Label = Lang.Identity.Family.RelationInput ?><?cs
set:Form.photo.Label = Lang.Identity.PhotoInput ?><?cs
call:form_summary() ?>
<section aria-labelledby="record-h">
<h2 id="record-h"><?cs var:Lang.Identity.Record ?></h2>
<dl class="record">
<dt><?cs var:Lang.Identity.Field.FamilyName ?></dt><dd><bdi><?cs var:Person.FamilyName ?></bdi><?cs
  if:Person.FamilyLatin ?> <span class="latin" dir="ltr">(<?cs var:Person.FamilyLatin ?>)</span><?cs /if ?></dd>
<dt><?cs var:Lang.Identity.Field.GivenNames ?></dt><dd><bdi><?cs var:Person.GivenNames ?></bdi><?cs
  if:Person.GivenLatin ?> <span class="latin" dir="ltr">(<?cs var:Person.GivenLatin ?>)</span><?cs /if ?></dd>
<dt><?cs var:Lang.Identity.Field.Sex ?></dt><dd><?cs var:Person.Sex ?></dd>
<dt><?cs var:Lang.Identity.Field.BirthDate ?></dt><dd><?cs
  if:Person.BirthDate ?><bdi><?cs var:Person.BirthDate ?></bdi> <span class="hint">(<?cs var:Lang.Identity.Precision[Person.BirthPrecision] ?>)</span><?cs
  else ?><?cs var:Lang.Identity.Unknown ?><?cs /if ?></dd>
<dt><?cs var:Lang.Identity.Field.BirthPlace ?></dt><dd><bdi><?cs var:Person.BirthPlace ?></bdi></dd>
<dt><?cs var:Lang.Identity.Field.Nationality ?></dt><dd><?cs
  if:Person.Nationality ?><span dir="ltr"><?cs var:Person.Nationality ?></span> <?cs var:Person.NationalityName ?><?cs /if ?></dd>
<dt><?cs var:Lang.Identity.Field.FatherName ?></dt><dd><bdi><?cs var:Person.FatherName ?></bdi></dd>
<dt><?cs var:Lang.Identity.Field.MotherName ?></dt><dd><bdi><?cs var:Person.MotherName ?></bdi></dd><?cs
if:Person.DeathDate ?>
<dt><?cs var:Lang.Identity.Field.DeathDate ?></dt><dd dir="ltr"><?cs var:Person.DeathDate ?></dd><?cs
/if ?>
<dt><?cs var:Lang.Identity.Field.Source ?></dt><dd dir="ltr"><?cs var:Person.Source ?><?cs if:Person.SourceId ?>/<?cs var:Person.SourceId ?><?cs /if ?></dd>
<dt><?cs var:Lang.Identity.Updated ?></dt><dd dir="ltr"><?cs var:Person.Updated ?></dd>
</dl><?cs
if:Person.CanEdit ?>
<p><a class="btn" href="/identity/persons/<?cs var:Person.Id ?>/edit"><?cs var:Lang.Identity.Edit.Link ?></a></p><?cs
/if ?>
<p><a href="/identity/persons/<?cs var:Person.Id ?>/timeline"><?cs var:Lang.Identity.Timeline.Link ?></a><?cs
if:Person.CanOpenDossier ?> · <a href="/dossier/new?person_id=<?cs var:Person.Id ?>"><?cs var:Lang.Identity.OpenDossier ?></a><?cs /if ?><?cs
if:Person.CanRequestAct ?> · <a href="/civil/new?person=<?cs var:Person.Id ?>"><?cs var:Lang.Identity.RequestAct ?></a> · <a href="/civil/persons/<?cs var:Person.Id ?>/documents"><?cs var:Lang.CivilDoc.PersonLink ?></a><?cs /if ?><?cs
if:Person.CanExport ?> · <a href="/identity/persons/<?cs var:Person.Id ?>/export"><?cs var:Lang.Identity.Export.Link ?></a><?cs /if ?></p>
</section>

<section id="documents">
<h2 id="docs-h"><?cs var:Lang.Identity.Documents ?></h2>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Identity.Documents ?>">
<table>
<caption><?cs var:Lang.Identity.Documents ?></caption>
<thead><tr>
<th scope="col"><?cs var:Lang.Identity.Field.DocType ?></th>
<th scope="col"><?cs var:Lang.Identity.Field.DocumentNumber ?></th>
<th scope="col"><?cs var:Lang.Identity.Field.IssuingCountry ?></th>
<th scope="col"><?cs var:Lang.Identity.Field.Expiry ?></th>
<th scope="col"><?cs var:Lang.Identity.Field.Mrz ?></th><?cs
if:Person.CanEdit ?>
<th scope="col"><?cs var:Lang.Identity.Actions ?></th><?cs
/if ?>
</tr></thead>
<tbody><?cs
if:subcount(Person.Docs) > 0 ?><?cs
  each:d = Person.Docs ?>
<tr>
<td><?cs var:d.Type ?></td>
<td dir="ltr"><?cs var:d.Number ?></td>
<td dir="ltr"><?cs var:d.Country ?></td>
<td dir="ltr"><?cs var:d.Expiry ?></td>
<td><?cs if:d.Mrz == "1" ?><?cs var:Lang.Identity.MrzVerified ?><?cs /if ?></td><?cs
    if:Person.CanEdit ?>
<td><form method="post" action="/identity/persons/<?cs var:Person.Id ?>/documents/<?cs var:d.Id ?>/delete"><?cs call:hidden_csrf() ?>
<button type="submit" class="btn-secondary"><?cs var:Lang.Identity.Remove ?></button></form></td><?cs
    /if ?>
</tr><?cs
  /each ?><?cs
else ?><?cs
  if:Person.CanEdit ?><?cs call:table_empty(6) ?><?cs else ?><?cs call:table_empty(5) ?><?cs /if ?><?cs
/if ?>
</tbody>
</table>
</div><?cs
if:Person.CanEdit ?>
<form method="post" action="/identity/persons/<?cs var:Person.Id ?>/documents" class="form">
<h3><?cs var:Lang.Identity.AddDocument ?></h3><?cs
  call:hidden_csrf() ?><?cs
  call:field_select("doc_type", Lang.Identity.Field.DocType, Person.DocTypes, 1) ?><?cs
  call:field_text("number", Lang.Identity.Field.DocumentNumber, "text", 0) ?><?cs
  call:field_text("issuing_country", Lang.Identity.Field.IssuingCountry, "text", 0) ?><?cs
  call:field_text("issued", Lang.Identity.Field.IssuedInput, "text", 0) ?><?cs
  call:field_text("expiry", Lang.Identity.Field.ExpiryInput, "text", 0) ?><?cs
  call:field_textarea("mrz", Lang.Identity.Field.MrzInput, 0) ?>
<p class="hint"><?cs var:Lang.Identity.MrzHint ?></p><?cs
  if:Dup.Form == "document" ?><?cs include:"identity/dup_panel.cs" ?><?cs /if ?><?cs
  if:Warn.Form == "document" ?><?cs include:"identity/warn_panel.cs" ?><?cs /if ?><?cs
  call:submit(Lang.Identity.AddDocument) ?>
</form><?cs
/if ?>
</section>

<section id="phones" aria-labelledby="phones-h">
<h2 id="phones-h"><?cs var:Lang.Identity.Phones ?></h2><?cs
if:subcount(Person.Phones) > 0 ?>
<ul class="phones"><?cs
  each:p = Person.Phones ?>
<li><span dir="ltr"><?cs var:p.Value ?></span><?cs
    if:Person.CanEdit ?>
<form method="post" class="inline" action="/identity/persons/<?cs var:Person.Id ?>/phones/<?cs var:p.Id ?>/delete"><?cs call:hidden_csrf() ?>
<button type="submit" class="btn-secondary"><?cs var:Lang.Identity.Remove ?></button></form><?cs
    /if ?></li><?cs
  /each ?>
</ul><?cs
else ?>
<p><?cs var:Lang.Identity.NoPhones ?></p><?cs
/if ?><?cs
if:Person.CanEdit ?>
<form method="post" action="/identity/persons/<?cs var:Person.Id ?>/phones" class="form"><?cs
  call:hidden_csrf() ?><?cs
  call:field_text("phone", Lang.Identity.Field.Phone, "tel", 1) ?><?cs
  call:submit(Lang.Identity.AddPhone) ?>
</form><?cs
/if ?>
</section>

<section id="photo" aria-labelledby="photo-h">
<h2 id="photo-h"><?cs var:Lang.Identity.Photo ?></h2><?cs
if:Person.Photo ?>
<p><a href="/identity/persons/<?cs var:Person.Id ?>/photo"><?cs var:Lang.Identity.PhotoDownload ?></a></p><?cs
else ?>
<p><?cs var:Lang.Identity.NoPhoto ?></p><?cs
/if ?><?cs
if:Person.CanEdit ?>
<form method="post" action="/identity/persons/<?cs var:Person.Id ?>/photo" class="form" enctype="multipart/form-data"><?cs
  call:hidden_csrf() ?>
<div class="field<?cs if:Form.photo.Error ?> has-error<?cs /if ?>"><?cs
  call:field_label("photo", Lang.Identity.PhotoInput, 1) ?>
<input type="file" accept="image/jpeg,image/png"<?cs call:field_attrs("photo", 1) ?>>
</div><?cs
  call:submit(Lang.Identity.PhotoSubmit) ?>
</form><?cs
/if ?>
</section>
<section id="family">
<h2 id="family-h"><?cs var:Lang.Identity.Family.Title ?></h2>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Identity.Family.Title ?>">
<table class="family">
<caption><?cs var:Lang.Identity.Family.Title ?></caption>
<thead><tr>
<th scope="col"><?cs var:Lang.Identity.Family.Relation ?></th>
<th scope="col"><?cs var:Lang.Identity.Family.Name ?></th>
<th scope="col"><?cs var:Lang.Identity.Field.Sex ?></th>
<th scope="col"><?cs var:Lang.Identity.Field.BirthDate ?></th>
<th scope="col"><?cs var:Lang.Identity.Field.DeathDate ?></th>
<th scope="col"><?cs var:Lang.Identity.Field.Nationality ?></th><?cs
if:Person.CanEdit ?>
<th scope="col"><?cs var:Lang.Identity.Actions ?></th><?cs
/if ?>
</tr></thead>
<tbody><?cs
if:subcount(Person.Family) > 0 ?><?cs
  each:f = Person.Family ?>
<tr>
<td><?cs var:f.RelationLabel ?></td>
<td><a href="/identity/persons/<?cs var:f.RelativeId ?>"><bdi><?cs var:f.FamilyName ?></bdi><?cs var:Lang.Form.Comma ?> <bdi><?cs var:f.GivenNames ?></bdi></a></td>
<td><?cs var:f.Sex ?></td>
<td><bdi><?cs var:f.BirthDate ?></bdi></td>
<td dir="ltr"><?cs var:f.DeathDate ?></td>
<td dir="ltr"><?cs var:f.Nationality ?></td><?cs
    if:Person.CanEdit ?>
<td><form method="post" action="/identity/persons/<?cs var:Person.Id ?>/family/<?cs var:f.Id ?>/delete"><?cs call:hidden_csrf() ?>
<button type="submit" class="btn-secondary"><?cs var:Lang.Identity.Remove ?></button></form></td><?cs
    /if ?>
</tr><?cs
  /each ?><?cs
else ?><?cs
  if:Person.CanEdit ?><?cs call:table_empty(7) ?><?cs else ?><?cs call:table_empty(6) ?><?cs /if ?><?cs
/if ?>
</tbody>
</table>
</div><?cs
if:Person.CanEdit ?>
<form method="post" action="/identity/persons/<?cs var:Person.Id ?>/family" class="form">
<h3><?cs var:Lang.Identity.Family.Add ?></h3><?cs
  call:hidden_csrf() ?><?cs
  call:field_text("relative_id", Lang.Identity.Family.RelativeId, "number", 1) ?><?cs
  call:field_select("relation", Lang.Identity.Family.RelationInput, Person.Relations, 1) ?><?cs
  if:Warn.Form != "document" ?><?cs include:"identity/warn_panel.cs" ?><?cs /if ?><?cs
  call:submit(Lang.Identity.Family.Link) ?>
</form>
<p><?cs var:Lang.Identity.Family.NewHint ?></p>
<ul class="new-relative"><?cs
  each:o = Person.Relations ?>
<li><a href="/identity/persons/new?relative_of=<?cs var:Person.Id ?>&amp;relation=<?cs var:o.Value ?>"><?cs var:Lang.Identity.Family.NewAs ?> <?cs var:o.Label ?></a></li><?cs
  /each ?>
</ul><?cs
/if ?>
</section><?cs
if:subcount(Person.Warnings) > 0 ?>
<section id="warnings-ack" aria-labelledby="warnings-h">
<h2 id="warnings-h"><?cs var:Lang.Identity.Warn.Acknowledged ?></h2>
<ul><?cs
  each:w = Person.Warnings ?>
<li><?cs var:w.Text ?> <bdi><?cs var:w.Detail ?></bdi> <span class="hint"><?cs var:w.When ?> <?cs var:w.By ?></span></li><?cs
  /each ?>
</ul>
</section><?cs
/if ?><?cs
if:subcount(Person.Merges) > 0 ?>
<section id="merges" aria-labelledby="merges-h">
<h2 id="merges-h"><?cs var:Lang.Identity.Merge.History ?></h2>
<ul><?cs
  each:m = Person.Merges ?>
<li><?cs if:Person.CanMerge ?><a href="/identity/merges/<?cs var:m.Id ?>"><?cs /if ?>#<?cs var:m.Merged ?> &rarr; #<?cs var:m.Survivor ?><?cs if:Person.CanMerge ?></a><?cs /if ?> <?cs var:m.Status ?> <span class="hint"><?cs var:m.When ?></span></li><?cs
  /each ?>
</ul>
</section><?cs
/if ?>
<p><a href="/identity"><?cs var:Lang.Identity.BackToSearch ?></a></p><?cs
include:"layout/footer.cs" ?>
