<?cs # configure_site.cs: create or edit a site (GET/POST
  /appointments/sites/new, /appointments/sites/{id}) and its closed
  dates. Reads ApptConf.New, ApptConf.Site.{Id,Name}, Form.*,
  ApptConf.Weekdays.N.{Field,Label}, ApptConf.Closed.N.{Day,Reason},
  ApptConf.ClosedCount and the conflict (configure_conflict.cs). ?><?cs
include:"layout/header.cs" ?><?cs
if:ApptConf.New ?>
<h1><?cs var:Lang.Appt.Sites.New ?></h1><?cs
  set:_action = "/appointments/sites/new" ?><?cs
else ?>
<h1><?cs var:Lang.Appt.Sites.Edit ?><?cs var:Lang.Form.Colon ?> <?cs var:ApptConf.Site.Name ?></h1><?cs
  set:_action = "/appointments/sites/" + ApptConf.Site.Id ?><?cs
/if ?><?cs
include:"appointments/configure_conflict.cs" ?><?cs
set:Form.name.Label = Lang.Appt.Sites.Name ?><?cs
set:Form.code.Label = Lang.Appt.Sites.Code ?><?cs
set:Form.address.Label = Lang.Appt.Sites.Address ?><?cs
set:Form.time_zone.Label = Lang.Appt.Sites.Zone ?><?cs
set:Form.phone_country_code.Label = Lang.Appt.Sites.CountryCode ?><?cs
set:Form.slot_minutes.Label = Lang.ApptConf.SlotMinutes ?><?cs
set:Form.day.Label = Lang.Appt.Field.Day ?><?cs
set:Form.reason.Label = Lang.Appt.Sites.Reason ?><?cs
call:form_summary() ?>
<form method="post" action="<?cs var:url_validate(_action) ?>" class="form"><?cs
call:hidden_csrf() ?><?cs
if:!ApptConf.New ?>
<input type="hidden" name="version" value="<?cs var:Form.version.Value ?>"><?cs
/if ?><?cs
call:field_text("name", Lang.Appt.Sites.Name, "text", 1) ?><?cs
call:field_text("code", Lang.Appt.Sites.Code, "text", 1) ?><?cs
call:field_textarea("address", Lang.Appt.Sites.Address, 0) ?><?cs
call:field_text("time_zone", Lang.Appt.Sites.Zone, "text", 1) ?><?cs
call:field_text("phone_country_code", Lang.Appt.Sites.CountryCode, "text", 1) ?><?cs
call:field_text("slot_minutes", Lang.ApptConf.SlotMinutes, "number", 1) ?><?cs
call:field_checkbox("active", Lang.Appt.Sites.Active) ?>
<fieldset>
<legend><?cs var:Lang.Appt.Sites.Hours ?></legend>
<p class="hint"><?cs var:Lang.Appt.Sites.HoursHint ?></p><?cs
each:w = ApptConf.Weekdays ?><?cs
  call:field_text(w.Field, w.Label, "text", 0) ?><?cs
/each ?>
</fieldset><?cs
call:submit(Lang.Appt.Sites.Submit) ?>
</form><?cs
if:!ApptConf.New ?>
<h2 id="closed"><?cs var:Lang.Appt.Sites.Closed ?></h2>
<div class="table-wrap">
<table>
<caption><?cs var:Lang.Appt.Sites.ClosedCaption ?></caption>
<thead><tr>
<th scope="col"><?cs var:Lang.Appt.Field.Day ?></th>
<th scope="col"><?cs var:Lang.Appt.Sites.Reason ?></th>
<th scope="col"><?cs var:Lang.Appt.Field.Actions ?></th>
</tr></thead>
<tbody><?cs
  if:ApptConf.ClosedCount > 0 ?><?cs
    each:c = ApptConf.Closed ?>
<tr>
<th scope="row" dir="ltr"><?cs var:c.Day ?></th>
<td><?cs var:c.Reason ?></td>
<td><form method="post" action="/appointments/sites/<?cs var:ApptConf.Site.Id ?>/closed/delete" class="form-inline"><?cs
      call:hidden_csrf() ?>
<input type="hidden" name="day" value="<?cs var:c.Day ?>">
<button type="submit" class="btn btn-secondary"><?cs var:Lang.Appt.Sites.ClosedRemove ?></button>
</form></td>
</tr><?cs
    /each ?><?cs
  else ?><?cs
    call:table_empty(3) ?><?cs
  /if ?>
</tbody>
</table>
</div>
<h3><?cs var:Lang.Appt.Sites.ClosedAdd ?></h3>
<form method="post" action="/appointments/sites/<?cs var:ApptConf.Site.Id ?>/closed" class="form"><?cs
  call:hidden_csrf() ?><?cs
  call:field_text("day", Lang.Appt.Field.Day, "date", 1) ?><?cs
  call:field_text("reason", Lang.Appt.Sites.Reason, "text", 0) ?><?cs
  call:submit(Lang.Appt.Sites.ClosedAdd) ?>
</form><?cs
/if ?>
<p><a href="/appointments/sites"><?cs var:Lang.ApptConf.BackSites ?></a></p><?cs
include:"layout/footer.cs" ?>
