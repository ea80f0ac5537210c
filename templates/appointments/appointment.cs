<?cs # appointment.cs: one appointment (GET/POST /appointments/bookings/
  {id}). Reads Appt.A.* (stored values), Appt.Statuses, Appt.Stale, and
  Form.* (the edit form). ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Appt.Appointment.Title ?> <span class="ref" dir="ltr"><?cs var:Appt.A.Reference ?></span></h1><?cs
if:Appt.Stale == "1" ?>
<div class="form-summary" role="alert">
<p><?cs var:Lang.Appt.Error.Stale ?></p>
<dl>
<dt><?cs var:Lang.Appt.Field.FamilyName ?></dt><dd><?cs var:Appt.A.FamilyName ?></dd>
<dt><?cs var:Lang.Appt.Field.GivenNames ?></dt><dd><?cs var:Appt.A.GivenNames ?></dd>
<dt><?cs var:Lang.Appt.Field.Phone ?></dt><dd dir="ltr"><?cs var:Appt.A.Phone ?></dd>
<dt><?cs var:Lang.Appt.Field.Notes ?></dt><dd><?cs var:Appt.A.Notes ?></dd>
<dt><?cs var:Lang.Appt.Field.Status ?></dt><dd><?cs var:Appt.A.Status ?></dd>
</dl>
</div><?cs
else ?><?cs call:form_summary() ?><?cs /if ?>
<dl class="facts">
<dt><?cs var:Lang.Appt.Field.Site ?></dt><dd><?cs var:Appt.A.Site ?></dd>
<dt><?cs var:Lang.Appt.Field.When ?></dt><dd dir="ltr"><?cs var:Appt.A.Day ?> <?cs var:Appt.A.Time ?> (<?cs var:Appt.A.Zone ?>)</dd>
<dt><?cs var:Lang.Appt.Field.Service ?></dt><dd><?cs var:Appt.A.Service ?></dd>
<dt><?cs var:Lang.Appt.Field.Level ?></dt><dd><?cs var:Appt.A.Level ?></dd>
<dt><?cs var:Lang.Appt.Field.Channel ?></dt><dd><?cs var:Appt.A.Channel ?></dd>
<dt><?cs var:Lang.Appt.Field.Status ?></dt><dd><?cs var:Appt.A.Status ?></dd>
<dt><?cs var:Lang.Appt.Field.Document ?></dt><dd dir="ltr"><?cs var:Appt.A.Document ?></dd>
<dt><?cs var:Lang.Appt.Field.Lang ?></dt><dd><?cs var:Appt.A.Lang ?></dd>
</dl>
<p><a href="/appointments/day?site=<?cs var:url_escape(Appt.A.SiteId) ?>&amp;day=<?cs var:url_escape(Appt.A.Day) ?>"><?cs var:Lang.Appt.Day.Back ?></a></p><?cs
if:Appt.A.StatusCode != "cancelled" ?>
<form method="post" action="/appointments/bookings/<?cs var:Appt.A.Id ?>" class="form"><?cs
call:hidden_csrf() ?>
<input type="hidden" name="version" value="<?cs var:Form.version.Value ?>"><?cs
call:field_text("family_name", Lang.Appt.Field.FamilyName, "text", 1) ?><?cs
call:field_text("given_names", Lang.Appt.Field.GivenNames, "text", 1) ?><?cs
call:field_text("phone", Lang.Appt.Field.Phone, "tel", 1) ?><?cs
call:field_textarea("notes", Lang.Appt.Field.Notes, 0) ?><?cs
call:field_select("status", Lang.Appt.Field.Status, Appt.Statuses, 1) ?><?cs
call:submit(Lang.Appt.Save) ?>
</form><?cs
  if:Appt.A.Active == "1" ?>
<form method="post" action="/appointments/bookings/<?cs var:Appt.A.Id ?>/cancel" class="form"><?cs
call:hidden_csrf() ?><?cs
call:submit(Lang.Appt.CancelAppointment) ?>
</form><?cs
  /if ?><?cs
/if ?><?cs
include:"layout/footer.cs" ?>
