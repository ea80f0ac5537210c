<?cs # callcentre.cs: the call-centre page (GET /appointments/callcentre,
  POST .../book when refused). Reads Appt.Sites, Appt.Site, Appt.Day,
  Appt.Q, Appt.Found.N.*, Appt.Grid.N.{Time,Cells.N.{Level,Remaining,
  Capacity}}, Appt.Slots.N.{Id,Time,LevelLabel,Remaining,Open},
  Appt.Services, Appt.Langs and Form.*. ?><?cs
include:"layout/header.cs" ?><?cs
include:"appointments/slot_picker.cs" ?>
<h1><?cs var:Lang.Appt.CallCentre.Title ?></h1><?cs
set:Form.service.Label = Lang.Appt.Field.Service ?><?cs
set:Form.family_name.Label = Lang.Appt.Field.FamilyName ?><?cs
set:Form.given_names.Label = Lang.Appt.Field.GivenNames ?><?cs
set:Form.phone.Label = Lang.Appt.Field.Phone ?><?cs
set:Form.document_number.Label = Lang.Appt.Field.Document ?><?cs
set:Form.lang.Label = Lang.Appt.Field.Lang ?><?cs
set:Form.notes.Label = Lang.Appt.Field.Notes ?><?cs
call:form_summary() ?>
<section aria-labelledby="h-find">
<h2 id="h-find"><?cs var:Lang.Appt.CallCentre.Find ?></h2>
<form method="get" action="/appointments/callcentre" class="form form-inline" role="search">
<input type="hidden" name="site" value="<?cs var:Appt.Site ?>">
<input type="hidden" name="day" value="<?cs var:Appt.Day ?>">
<div class="field">
<label for="f-q"><?cs var:Lang.Appt.CallCentre.Query ?></label>
<input type="search" id="f-q" name="q" value="<?cs var:Appt.Q ?>" accesskey="f">
</div>
<div class="actions"><button type="submit" class="btn"><?cs var:Lang.Appt.CallCentre.Search ?></button></div>
</form><?cs
if:Appt.Q ?>
<div class="table-wrap">
<table>
<caption><?cs var:Lang.Appt.CallCentre.Results ?></caption>
<thead><tr>
<th scope="col"><?cs var:Lang.Appt.Field.Reference ?></th>
<th scope="col"><?cs var:Lang.Appt.Field.Name ?></th>
<th scope="col"><?cs var:Lang.Appt.Field.Phone ?></th>
<th scope="col"><?cs var:Lang.Appt.Field.When ?></th>
<th scope="col"><?cs var:Lang.Appt.Field.Site ?></th>
<th scope="col"><?cs var:Lang.Appt.Field.Status ?></th>
</tr></thead>
<tbody><?cs
  if:Appt.FoundCount > 0 ?><?cs
    each:a = Appt.Found ?>
<tr>
<th scope="row"><a href="/appointments/bookings/<?cs var:a.Id ?>" dir="ltr" class="ref"><?cs var:a.Reference ?></a></th>
<td><bdi><?cs var:a.Name ?></bdi><?cs var:Lang.Form.Comma ?> <bdi><?cs var:a.Given ?></bdi></td>
<td dir="ltr"><?cs var:a.Phone ?></td>
<td dir="ltr"><?cs var:a.When ?></td>
<td><?cs var:a.Site ?></td>
<td><?cs var:a.Status ?></td>
</tr><?cs
    /each ?><?cs
  else ?><?cs call:table_empty(6) ?><?cs /if ?>
</tbody>
</table>
</div><?cs
/if ?>
</section>
<section aria-labelledby="h-day">
<h2 id="h-day"><?cs var:Lang.Appt.CallCentre.Capacity ?></h2><?cs
set:Appt.Action = "/appointments/callcentre" ?><?cs
include:"appointments/site_day.cs" ?><?cs
if:Appt.Site ?>
<div class="table-wrap">
<table>
<caption><?cs var:Lang.Appt.CallCentre.Remaining ?> <?cs var:Appt.Day ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.Appt.Field.Time ?></th><?cs
  each:c = Appt.Grid.0.Cells ?><th scope="col"><?cs var:c.Level ?></th><?cs /each ?></tr></thead>
<tbody><?cs
  if:Appt.SlotCount > 0 ?><?cs
    each:g = Appt.Grid ?>
<tr><th scope="row" dir="ltr"><?cs var:g.Time ?></th><?cs
      each:c = g.Cells ?><td><?cs var:c.Remaining ?> / <?cs var:c.Capacity ?></td><?cs /each ?></tr><?cs
    /each ?><?cs
  else ?><?cs call:table_empty(2) ?><?cs /if ?>
</tbody>
</table>
</div>
<h2 id="h-book"><?cs var:Lang.Appt.CallCentre.Book ?></h2>
<form method="post" action="/appointments/callcentre/book" class="form"><?cs
call:hidden_csrf() ?>
<input type="hidden" name="site" value="<?cs var:Appt.Site ?>">
<input type="hidden" name="day" value="<?cs var:Appt.Day ?>">
<?cs call:slot_picker(Lang.Appt.NoFreeSlot) ?><?cs
call:field_select("service", Lang.Appt.Field.Service, Appt.Services, 1) ?><?cs
call:field_text("family_name", Lang.Appt.Field.FamilyName, "text", 1) ?><?cs
call:field_text("given_names", Lang.Appt.Field.GivenNames, "text", 1) ?><?cs
call:field_text("phone", Lang.Appt.Field.Phone, "tel", 1) ?><?cs
call:field_text("document_number", Lang.Appt.Field.Document, "text", 0) ?><?cs
call:field_select("lang", Lang.Appt.Field.Lang, Appt.Langs, 1) ?><?cs
call:field_textarea("notes", Lang.Appt.Field.Notes, 0) ?><?cs
call:submit(Lang.Appt.CallCentre.BookSubmit) ?>
</form><?cs
/if ?>
</section><?cs
include:"layout/footer.cs" ?>
