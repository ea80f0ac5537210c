<?cs # appointment_cancel.cs: GET /appointments/bookings/{id}/cancel, and
  the first POST to it (without confirm=1) from the day list or the
  appointment's page: the question before an agent cancels, saying
  what will happen: whose appointment, when and where; the seat freed;
  an SMS sent to the applicant's phone; no way back. "Yes, cancel"
  posts confirm=1; "Keep it" goes back to the day list. Nothing has
  changed yet. Reads Appt.A.*, Appt.BackHref. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Appt.CancelAsk.Title ?> <span class="ref" dir="ltr"><?cs var:Appt.A.Reference ?></span></h1>
<p><?cs var:Lang.Appt.CancelAsk.Intro ?></p>
<dl class="facts">
<dt><?cs var:Lang.Appt.Field.FamilyName ?></dt><dd><bdi><?cs var:Appt.A.FamilyName ?></bdi></dd>
<dt><?cs var:Lang.Appt.Field.GivenNames ?></dt><dd><bdi><?cs var:Appt.A.GivenNames ?></bdi></dd>
<dt><?cs var:Lang.Appt.Field.When ?></dt><dd dir="ltr"><?cs var:Appt.A.Day ?> <?cs var:Appt.A.Time ?> (<?cs var:Appt.A.Zone ?>)</dd>
<dt><?cs var:Lang.Appt.Field.Site ?></dt><dd><bdi><?cs var:Appt.A.Site ?></bdi></dd>
<dt><?cs var:Lang.Appt.Field.Service ?></dt><dd><bdi><?cs var:Appt.A.Service ?></bdi></dd>
<dt><?cs var:Lang.Appt.Field.Status ?></dt><dd><?cs var:Appt.A.Status ?></dd>
</dl>
<h2><?cs var:Lang.Appt.CancelAsk.What ?></h2>
<ul>
<li><?cs var:Lang.Appt.CancelAsk.Freed ?></li><?cs
if:Appt.A.Phone ?>
<li><?cs var:Lang.Appt.CancelAsk.Sms ?> <span dir="ltr"><?cs var:Appt.A.Phone ?></span></li><?cs
/if ?>
<li><?cs var:Lang.Appt.CancelAsk.Final ?></li>
</ul>
<form method="post" action="/appointments/bookings/<?cs var:Appt.A.Id ?>/cancel" class="form"><?cs
call:hidden_csrf() ?>
<input type="hidden" name="confirm" value="1">
<div class="actions"><button type="submit" class="btn"><?cs var:Lang.Appt.CancelAsk.Yes ?></button>
<a class="btn btn-secondary" href="<?cs var:url_validate(Appt.BackHref) ?>"><?cs var:Lang.Appt.CancelAsk.Keep ?></a></div>
</form><?cs
include:"layout/footer.cs" ?>
