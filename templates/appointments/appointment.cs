<?cs # appointment.cs: one appointment (GET/POST /appointments/bookings/
  {id}, the fill of a refused move). Reads Appt.A.* (stored values),
  Appt.Statuses, Appt.Stale, Form.* (the edit form), Appt.Move.{Show,
  Day,Prev,Next} and Appt.Slots (the move picker, slot_picker.cs), and
  Appt.History.N.{Kind,When,Who,What,StatusFrom,StatusTo,From,To,State,
  Sent,Delivered}. ?><?cs
include:"layout/header.cs" ?><?cs
include:"appointments/slot_picker.cs" ?>
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
else ?><?cs set:Form.family_name.Label = Lang.Appt.Field.FamilyName ?><?cs
set:Form.given_names.Label = Lang.Appt.Field.GivenNames ?><?cs
set:Form.phone.Label = Lang.Appt.Field.Phone ?><?cs
set:Form.notes.Label = Lang.Appt.Field.Notes ?><?cs
set:Form.status.Label = Lang.Appt.Field.Status ?><?cs
call:form_summary() ?><?cs /if ?>
<dl class="facts">
<dt><?cs var:Lang.Appt.Appointment.Applicant ?></dt><dd><bdi><?cs var:Appt.A.FamilyName ?></bdi><?cs var:Lang.Form.Comma ?> <bdi><?cs var:Appt.A.GivenNames ?></bdi></dd>
<dt><?cs var:Lang.Appt.Field.Phone ?></dt><dd dir="ltr"><?cs var:Appt.A.Phone ?></dd>
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
  if:Appt.Move.Show == "1" ?>
<section aria-labelledby="h-move">
<h2 id="h-move"><?cs var:Lang.Appt.Move.Title ?></h2>
<p><?cs var:Lang.Appt.Move.Intro ?></p>
<form method="get" action="/appointments/bookings/<?cs var:Appt.A.Id ?>#h-move" class="form form-inline">
<div class="field">
<label for="f-move-day"><?cs var:Lang.Appt.Field.Day ?></label>
<input type="date" id="f-move-day" name="day" value="<?cs var:Appt.Move.Day ?>">
</div>
<div class="actions"><button type="submit" class="btn"><?cs var:Lang.Appt.Show ?></button></div>
</form>
<p class="day-nav"><a href="/appointments/bookings/<?cs var:Appt.A.Id ?>?day=<?cs var:url_escape(Appt.Move.Prev) ?>#h-move"><?cs var:Lang.Appt.PrevDay ?></a>
 · <a href="/appointments/bookings/<?cs var:Appt.A.Id ?>?day=<?cs var:url_escape(Appt.Move.Next) ?>#h-move"><?cs var:Lang.Appt.NextDay ?></a>
 · <?cs var:Lang.Appt.TimesIn ?> <span dir="ltr"><?cs var:Appt.A.Zone ?></span></p>
<form method="post" action="/appointments/bookings/<?cs var:Appt.A.Id ?>/move" class="form"><?cs
call:hidden_csrf() ?>
<input type="hidden" name="day" value="<?cs var:Appt.Move.Day ?>">
<p><?cs var:Lang.Appt.Move.Now ?> <span dir="ltr"><?cs var:Appt.A.Day ?> <?cs var:Appt.A.Time ?></span>. <?cs var:Lang.Appt.Move.On ?> <span dir="ltr"><?cs var:Appt.Move.Day ?></span>:</p><?cs
call:slot_picker(Lang.Appt.Move.NoFreeSlot) ?>
<p><?cs var:Lang.Appt.Move.Sms ?> <span dir="ltr"><?cs var:Appt.A.Phone ?></span>.</p><?cs
call:submit(Lang.Appt.Move.Submit) ?>
</form>
</section><?cs
  /if ?><?cs
  if:Appt.A.Active == "1" ?>
<form method="post" action="/appointments/bookings/<?cs var:Appt.A.Id ?>/cancel" class="form"><?cs
call:hidden_csrf() ?><?cs
call:submit(Lang.Appt.CancelAppointment) ?>
</form><?cs
  /if ?><?cs
/if ?>
<section aria-labelledby="h-history">
<h2 id="h-history"><?cs var:Lang.Appt.History.Title ?></h2>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Appt.History.Caption ?>">
<table>
<caption><?cs var:Lang.Appt.History.Caption ?></caption>
<thead><tr>
<th scope="col"><?cs var:Lang.Appt.Field.When ?></th>
<th scope="col"><?cs var:Lang.Appt.History.What ?></th>
<th scope="col"><?cs var:Lang.Appt.History.Who ?></th>
</tr></thead>
<tbody><?cs
if:Appt.HistoryCount > 0 ?><?cs
  each:h = Appt.History ?>
<tr>
<td dir="ltr"><?cs var:h.When ?></td>
<td><?cs
    if:h.Kind == "sms" ?><?cs var:Lang.Appt.History.Sms ?> <?cs var:h.What ?><?cs var:Lang.Form.Colon ?> <strong><?cs var:h.State ?></strong><?cs
      if:h.Sent ?>; <?cs var:Lang.Appt.History.SentAt ?> <span dir="ltr"><?cs var:h.Sent ?></span><?cs /if ?><?cs
      if:h.Delivered ?>; <?cs var:Lang.Appt.History.DeliveredAt ?> <span dir="ltr"><?cs var:h.Delivered ?></span><?cs /if ?><?cs
    else ?><?cs var:h.What ?><?cs
      if:h.StatusTo ?><?cs var:Lang.Form.Colon ?> <?cs if:h.StatusFrom ?><?cs var:h.StatusFrom ?> → <?cs /if ?><strong><?cs var:h.StatusTo ?></strong><?cs /if ?><?cs
      if:h.From && h.To ?><?cs var:Lang.Form.Colon ?> <span dir="ltr"><?cs var:h.From ?></span> → <span dir="ltr"><?cs var:h.To ?></span><?cs
      elif:h.To ?>, <?cs var:Lang.Appt.History.For ?> <span dir="ltr"><?cs var:h.To ?></span><?cs /if ?><?cs
    /if ?></td>
<td><?cs if:h.Kind == "sms" ?><span dir="ltr"><?cs var:h.Who ?></span><?cs else ?><bdi><?cs var:h.Who ?></bdi><?cs /if ?></td>
</tr><?cs
  /each ?><?cs
else ?><?cs call:table_empty(3) ?><?cs /if ?>
</tbody>
</table>
</div>
</section><?cs
include:"layout/footer.cs" ?>
