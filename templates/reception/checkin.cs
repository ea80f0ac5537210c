<?cs # checkin.cs: the reception desk (GET /reception/checkin; also the
  answer to a refused POST /reception/checkin or /reception/walkin).
  Reads Site.*, Checkin.Done.{Ticket, Station, Name, Walkin,
  Lateness.{Kind,Minutes}}, Checkin.Already, Checkin.OtherDay, Checkin.Q,
  Checkin.Count, Checkin.List.N.{Id, Reference, Name, Phone, Time,
  Status, Service, Level, Ticket, Open, Lateness.*}, Services.N.*,
  Levels.N.*, Form.*. ?><?cs
include:"layout/header.cs" ?><?cs
def:lateness(l) ?><?cs
  if:l.Kind == "early" ?><?cs var:l.Minutes ?> <?cs var:Lang.Reception.Checkin.MinEarly ?><?cs
  elif:l.Kind == "late" ?><?cs var:l.Minutes ?> <?cs var:Lang.Reception.Checkin.MinLate ?><?cs
  else ?><?cs var:Lang.Reception.Checkin.OnTime ?><?cs /if ?><?cs
/def ?>
<h1><?cs var:Lang.Reception.Checkin.Title ?><?cs if:Site.Name ?> – <?cs var:Site.Name ?><?cs /if ?></h1><?cs
include:"reception/picker.cs" ?><?cs
if:Checkin.Done.Ticket ?>
<section class="ticket" aria-labelledby="ticket-h">
<h2 id="ticket-h"><?cs var:Lang.Reception.Checkin.Ticket ?> <span class="ticket-no" dir="ltr"><?cs var:Checkin.Done.Ticket ?></span></h2>
<p><?cs var:Checkin.Done.Name ?><?cs if:Checkin.Done.Station ?> – <?cs var:Lang.Reception.Checkin.GoTo ?> <strong><?cs var:Checkin.Done.Station ?></strong><?cs /if ?></p>
<p><?cs if:Checkin.Done.Walkin ?><?cs var:Lang.Reception.Checkin.Walkin ?><?cs else ?><?cs call:lateness(Checkin.Done.Lateness) ?><?cs /if ?></p>
</section><?cs
/if ?><?cs
if:Site.Id ?>
<section aria-labelledby="scan-h">
<h2 id="scan-h"><?cs var:Lang.Reception.Checkin.ScanTitle ?></h2>
<form method="post" action="/reception/checkin" class="form"><?cs
  call:hidden_csrf() ?>
<input type="hidden" name="site" value="<?cs var:Site.Id ?>"><?cs
  call:field_text("ref", Lang.Reception.Checkin.Reference, "text", 1) ?><?cs
  if:Checkin.Already ?><p class="note"><?cs var:Lang.Reception.Checkin.AlreadyTicket ?> <strong dir="ltr"><?cs var:Checkin.Already ?></strong></p><?cs /if ?><?cs
  if:Checkin.OtherDay ?><p class="note"><?cs var:Lang.Reception.Checkin.BookedFor ?> <strong dir="ltr"><?cs var:Checkin.OtherDay ?></strong></p><?cs /if ?><?cs
  call:submit(Lang.Reception.Checkin.Submit) ?>
</form>
</section>
<section aria-labelledby="today-h">
<h2 id="today-h"><?cs var:Lang.Reception.Checkin.Today ?></h2>
<form method="get" action="/reception/checkin" class="form form-inline" role="search">
<input type="hidden" name="site" value="<?cs var:Site.Id ?>">
<div class="field"><label for="f-q"><?cs var:Lang.Reception.Checkin.Search ?></label>
<input type="search" id="f-q" name="q" value="<?cs var:Checkin.Q ?>"></div><?cs
  call:submit(Lang.Reception.Checkin.SearchSubmit) ?>
</form>
<div class="table-wrap">
<table>
<caption><?cs var:Lang.Reception.Checkin.Today ?> (<?cs var:Checkin.Count ?>)</caption>
<thead><tr>
<th scope="col"><?cs var:Lang.Reception.Checkin.Time ?></th>
<th scope="col"><?cs var:Lang.Reception.Checkin.Name ?></th>
<th scope="col"><?cs var:Lang.Reception.Checkin.Phone ?></th>
<th scope="col"><?cs var:Lang.Reception.Checkin.Service ?></th>
<th scope="col"><?cs var:Lang.Reception.Checkin.Status ?></th>
<th scope="col"><?cs var:Lang.Reception.Checkin.Action ?></th>
</tr></thead>
<tbody><?cs
  if:Checkin.Count > 0 ?><?cs
    each:a = Checkin.List ?>
<tr>
<td dir="ltr"><?cs var:a.Time ?></td>
<th scope="row"><bdi><?cs var:a.Name ?></bdi> <small dir="ltr"><?cs var:a.Reference ?></small></th>
<td dir="ltr"><?cs var:a.Phone ?></td>
<td><?cs var:a.Service ?> (<?cs var:Lang.Reception.Level[a.Level] ?>)</td>
<td><?cs var:Lang.Reception.Status[a.Status] ?><?cs if:a.Ticket ?> <strong dir="ltr"><?cs var:a.Ticket ?></strong><?cs /if ?><?cs
      if:a.Open ?><br><small><?cs call:lateness(a.Lateness) ?></small><?cs /if ?></td>
<td><?cs if:a.Open ?>
<form method="post" action="/reception/checkin"><?cs call:hidden_csrf() ?>
<input type="hidden" name="site" value="<?cs var:Site.Id ?>">
<input type="hidden" name="ref" value="<?cs var:a.Reference ?>">
<button type="submit" class="btn btn-small"><?cs var:Lang.Reception.Checkin.CheckIn ?></button>
</form><?cs /if ?></td>
</tr><?cs
    /each ?><?cs
  else ?><?cs
    call:table_empty(6) ?><?cs
  /if ?>
</tbody>
</table>
</div>
</section>
<section aria-labelledby="walkin-h">
<h2 id="walkin-h"><?cs var:Lang.Reception.Walkin.Title ?></h2>
<p><?cs var:Lang.Reception.Walkin.Intro ?></p>
<form method="post" action="/reception/walkin" class="form"><?cs
  call:hidden_csrf() ?>
<input type="hidden" name="site" value="<?cs var:Site.Id ?>"><?cs
  call:field_select("service", Lang.Reception.Checkin.Service, Services, 1) ?><?cs
  call:field_select("level", Lang.Reception.Walkin.Level, Levels, 1) ?><?cs
  call:field_text("family_name", Lang.Reception.Walkin.Family, "text", 1) ?><?cs
  call:field_text("given_names", Lang.Reception.Walkin.Given, "text", 0) ?><?cs
  call:field_text("phone", Lang.Reception.Checkin.Phone, "tel", 0) ?><?cs
  call:field_text("document_number", Lang.Reception.Walkin.Document, "text", 0) ?><?cs
  call:submit(Lang.Reception.Walkin.Submit) ?>
</form>
</section><?cs
else ?>
<p><?cs var:Lang.Reception.NoSite ?></p><?cs
/if ?><?cs
include:"layout/footer.cs" ?>
