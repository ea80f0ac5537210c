<?cs # dashboard.cs: where an agent lands after signing in. First what
  matters today in the agent's workflows (each part shown when
  Dashboard.Show.<part>): Dashboard.Today.Appointments.N.{SiteId, Site,
  Day, Total, Statuses.M.{Code,Label,Count}} with the column heads
  Dashboard.Today.Statuses.M; Waiting.N.{Site, Count, CountPlural,
  Longest, LongestPlural}; SmsFailed, SmsPlural and Sms.N.{Id,
  Reference, Event, At}; Duplicates, DuplicatesPlural;
  Requests.{Open, Due7, Overdue, Extended} (Dashboard.Show.Requests). Then the
  workflows their roles open (Dashboard.Items.N.{Href,Label,Help}). ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Dashboard.Title ?></h1><?cs
if:Dashboard.Show.Appointments || Dashboard.Show.Waiting || Dashboard.Show.Duplicates || Dashboard.Show.Dossiers || Dashboard.Show.Requests ?>
<section aria-labelledby="h-today" class="today">
<h2 id="h-today"><?cs var:Lang.Dashboard.Today.Title ?></h2><?cs
  if:Dashboard.Show.Appointments ?>
<h3 id="h-appts"><?cs var:Lang.Dashboard.Today.Appointments ?></h3><?cs
    if:Dashboard.Today.AppointmentSites > 0 ?>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="h-appts">
<table>
<thead><tr><th scope="col"><?cs var:Lang.Appt.Field.Site ?></th><?cs
      each:h = Dashboard.Today.Statuses ?><th scope="col"><?cs var:h ?></th><?cs /each ?>
<th scope="col"><?cs var:Lang.Dashboard.Today.Total ?></th></tr></thead>
<tbody><?cs
      each:a = Dashboard.Today.Appointments ?>
<tr><th scope="row"><a href="/appointments/day?site=<?cs var:url_escape(a.SiteId) ?>&amp;day=<?cs var:url_escape(a.Day) ?>"><?cs var:a.Site ?></a></th><?cs
        each:c = a.Statuses ?><td><?cs var:c.Count ?></td><?cs /each ?>
<td><?cs var:a.Total ?></td></tr><?cs
      /each ?>
</tbody>
</table>
</div><?cs
    else ?>
<p><?cs var:Lang.Dashboard.Today.NoAppointments ?></p><?cs
    /if ?><?cs
  /if ?><?cs
  if:Dashboard.Show.Waiting ?>
<h3 id="h-waiting"><?cs var:Lang.Dashboard.Today.Waiting ?></h3><?cs
    if:Dashboard.Today.WaitingSites > 0 ?>
<ul class="figures"><?cs
      each:w = Dashboard.Today.Waiting ?>
<li><strong><?cs var:w.Site ?></strong><?cs var:Lang.Form.Colon ?> <?cs call:count(w.Count, Lang.Dashboard.Today.People, w.CountPlural) ?>, <?cs var:Lang.Dashboard.Today.Longest ?> <?cs call:count(w.Longest, Lang.Dashboard.Today.Minutes, w.LongestPlural) ?></li><?cs
      /each ?>
</ul><?cs
    else ?>
<p><?cs var:Lang.Dashboard.Today.NoneWaiting ?></p><?cs
    /if ?><?cs
  /if ?><?cs
  if:Dashboard.Show.Sms ?>
<h3 id="h-sms"><?cs var:Lang.Dashboard.Today.SmsTitle ?></h3>
<p><?cs call:count(Dashboard.Today.SmsFailed, Lang.Dashboard.Today.SmsFailed, Dashboard.Today.SmsPlural) ?></p><?cs
    if:subcount(Dashboard.Today.Sms) > 0 ?>
<ul><?cs
      each:m = Dashboard.Today.Sms ?>
<li><a href="/appointments/bookings/<?cs var:url_escape(m.Id) ?>#h-history" class="ref" dir="ltr"><?cs var:m.Reference ?></a> <?cs var:m.Event ?> <span dir="ltr"><?cs var:m.At ?></span></li><?cs
      /each ?>
</ul><?cs
    /if ?><?cs
  /if ?><?cs
  if:Dashboard.Show.Duplicates ?>
<h3 id="h-dups"><?cs var:Lang.Dashboard.Today.DuplicatesTitle ?></h3>
<p><a href="/identity/duplicates"><?cs call:count(Dashboard.Today.Duplicates, Lang.Dashboard.Today.Duplicates, Dashboard.Today.DuplicatesPlural) ?></a></p><?cs
  /if ?><?cs
  if:Dashboard.Show.Dossiers ?>
<h3 id="h-dossiers"><?cs var:Lang.Dashboard.Today.DossiersTitle ?></h3>
<ul class="figures">
<li><a href="/dossier?list=mine"><?cs var:Lang.Dashboard.Today.DossiersMine ?></a> <strong><?cs var:Dashboard.Today.Dossiers.Mine ?></strong></li>
<li><?cs var:Lang.Dashboard.Today.DossiersOverdue ?> <strong><?cs var:Dashboard.Today.Dossiers.Overdue ?></strong></li>
<li><?cs var:Lang.Dashboard.Today.DossiersDue7 ?> <strong><?cs var:Dashboard.Today.Dossiers.Due7 ?></strong></li><?cs
    if:Dashboard.Today.Dossiers.CanAssign ?>
<li><a href="/dossier?list=unassigned"><?cs var:Lang.Dashboard.Today.DossiersUnassigned ?></a> <strong><?cs var:Dashboard.Today.Dossiers.Unassigned ?></strong></li><?cs
    /if ?>
</ul><?cs
  /if ?><?cs
  if:Dashboard.Show.Requests ?>
<h3 id="h-requests"><?cs var:Lang.DataProtection.Request.Title ?></h3>
<ul class="figures">
<li><a href="/dataprotection/requests"><?cs var:Lang.DataProtection.Request.Open ?></a> <strong><?cs var:Dashboard.Today.Requests.Open ?></strong></li>
<li><?cs var:Lang.DataProtection.Request.Due7 ?> <strong><?cs var:Dashboard.Today.Requests.Due7 ?></strong></li>
<li><?cs var:Lang.DataProtection.Request.Overdue ?> <strong><?cs var:Dashboard.Today.Requests.Overdue ?></strong></li>
<li><?cs var:Lang.DataProtection.Request.ExtendedCount ?> <strong><?cs var:Dashboard.Today.Requests.Extended ?></strong></li>
</ul><?cs
  /if ?>
</section><?cs
/if ?><?cs
if:Dashboard.Count > 0 ?>
<h2><?cs var:Lang.Dashboard.Workflows ?></h2>
<p><?cs var:Lang.Dashboard.Intro ?></p>
<ul class="cards"><?cs
  each:i = Dashboard.Items ?>
<li class="card"><a href="<?cs var:url_validate(i.Href) ?>"><?cs var:i.Label ?></a>
<p><?cs var:i.Help ?></p></li><?cs
  /each ?>
</ul><?cs
else ?>
<p><?cs var:Lang.Dashboard.Empty ?></p><?cs
/if ?>
<p><a href="/me"><?cs var:Lang.Dashboard.Account ?></a></p><?cs
include:"layout/footer.cs" ?>
