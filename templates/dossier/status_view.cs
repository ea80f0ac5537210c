<?cs # status_view.cs: GET /status/{ref}: the applicant's view of the
  dossier: its current step in plain words (Status.Step, already in the
  page's language), the next appointment (Status.Appt.{Date, Time, Site,
  Address}), the documents still missing (Status.Waiting,
  Status.Missing.N.Line). Nothing else of the dossier reaches this page
  (no notes, decisions, officer or timeline). ?><?cs
include:"dossier/status_header.cs" ?>
<h1><?cs var:Lang.Status.View.Title ?> <span dir="ltr"><?cs var:Status.Ref ?></span></h1>
<section aria-labelledby="step-h">
<h2 id="step-h"><?cs var:Lang.Status.View.Step ?></h2>
<p><strong><?cs var:Status.Step ?></strong></p>
</section>
<section aria-labelledby="appt-h">
<h2 id="appt-h"><?cs var:Lang.Status.View.Appointment ?></h2><?cs
if:Status.Appt.Date ?>
<p><strong dir="ltr"><?cs var:Status.Appt.Date ?> <?cs var:Status.Appt.Time ?></strong></p>
<p><bdi><?cs var:Status.Appt.Site ?></bdi><?cs if:Status.Appt.Address ?><br><bdi><?cs var:Status.Appt.Address ?></bdi><?cs /if ?></p><?cs
else ?>
<p><?cs var:Lang.Status.View.NoAppointment ?></p><?cs
/if ?>
</section>
<section aria-labelledby="docs-h">
<h2 id="docs-h"><?cs var:Lang.Status.View.Docs ?></h2><?cs
if:Status.Waiting ?>
<p><?cs var:Lang.Status.View.DocsWaiting ?></p><?cs
/if ?><?cs
if:subcount(Status.Missing) > 0 ?>
<ul><?cs
  each:d = Status.Missing ?>
<li><bdi><?cs var:d.Line ?></bdi></li><?cs
  /each ?>
</ul><?cs
elif:Status.Waiting ?>
<p><?cs var:Lang.Status.View.DocsAskOffice ?></p><?cs
else ?>
<p><?cs var:Lang.Status.View.NoDocs ?></p><?cs
/if ?>
</section>
<p class="hint"><?cs var:Lang.Status.View.Privacy ?></p><?cs
include:"dossier/status_footer.cs" ?>
