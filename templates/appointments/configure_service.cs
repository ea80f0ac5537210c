<?cs # configure_service.cs: create or edit a service (GET/POST
  /appointments/services/new, /appointments/services/{id}). Reads
  ApptConf.New, ApptConf.Service.{Id,Code}, Form.*,
  ApptConf.Langs.N.{Code,Name,NameField,DocsField,
  ShortField}, the offer grid
  ApptConf.Offer.Channels.C.Label and ApptConf.Offer.Levels.N.{Label,
  Cells.C.{Field,Label}}, and the conflict (configure_conflict.cs). ?><?cs
include:"layout/header.cs" ?><?cs
if:ApptConf.New ?>
<h1><?cs var:Lang.Appt.Services.New ?></h1><?cs
  set:_action = "/appointments/services/new" ?><?cs
else ?>
<h1><?cs var:Lang.Appt.Services.Edit ?><?cs var:Lang.Form.Colon ?> <span dir="ltr"><?cs var:ApptConf.Service.Code ?></span></h1><?cs
  set:_action = "/appointments/services/" + ApptConf.Service.Id ?><?cs
/if ?><?cs
include:"appointments/configure_conflict.cs" ?><?cs
set:Form.code.Label = Lang.Appt.Services.Code ?><?cs
set:Form.duration_minutes.Label = Lang.Appt.Services.Duration ?><?cs
call:form_summary() ?>
<form method="post" action="<?cs var:url_validate(_action) ?>" class="form"><?cs
call:hidden_csrf() ?><?cs
if:!ApptConf.New ?>
<input type="hidden" name="version" value="<?cs var:Form.version.Value ?>"><?cs
/if ?><?cs
call:field_text("code", Lang.Appt.Services.Code, "text", 1) ?><?cs
call:field_text("duration_minutes", Lang.Appt.Services.Duration, "number", 1) ?><?cs
call:field_checkbox("needs_document", Lang.Appt.Services.NeedsDocument) ?><?cs
call:field_checkbox("active", Lang.Appt.Services.Active) ?>
<fieldset>
<legend><?cs var:Lang.Appt.Services.Names ?></legend><?cs
each:l = ApptConf.Langs ?>
<div lang="<?cs var:l.Code ?>"<?cs if:l.Code == "ar" ?> dir="rtl"<?cs /if ?>><?cs
  call:field_text(l.NameField, Lang.Appt.Services.NameIn + " " + l.Name, "text", l.Code == "en") ?><?cs
  call:field_textarea(l.DocsField, Lang.Appt.Services.DocumentsIn + " " + l.Name, 0) ?><?cs
  call:field_textarea(l.ShortField, Lang.Appt.Services.ShortIn + " " + l.Name, 0) ?>
</div><?cs
/each ?>
</fieldset>
<fieldset>
<legend><?cs var:Lang.Appt.Services.Offers ?></legend>
<div class="table-wrap">
<table class="grid">
<caption><?cs var:Lang.Appt.Services.Offers ?></caption>
<thead><tr>
<th scope="col"><?cs var:Lang.Appt.Field.Level ?></th><?cs
each:c = ApptConf.Offer.Channels ?>
<th scope="col"><?cs var:c.Label ?></th><?cs
/each ?>
</tr></thead>
<tbody><?cs
each:lv = ApptConf.Offer.Levels ?>
<tr>
<th scope="row"><?cs var:lv.Label ?></th><?cs
  each:cell = lv.Cells ?>
<td><input type="checkbox" value="1" id="f-<?cs var:cell.Field ?>" name="<?cs var:cell.Field ?>" aria-label="<?cs var:cell.Label ?>"<?cs
    if:Form[cell.Field].Value == "1" || Form[cell.Field].Value == "on" ?> checked<?cs /if ?>></td><?cs
  /each ?>
</tr><?cs
/each ?>
</tbody>
</table>
</div>
</fieldset><?cs
call:submit(Lang.Appt.Services.Submit) ?>
</form>
<p><a href="/appointments/services"><?cs var:Lang.ApptConf.BackServices ?></a></p><?cs
include:"layout/footer.cs" ?>
