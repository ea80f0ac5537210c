<?cs # counter.cs: a counter agent's page (GET /reception/counter; also
  the answer to a refused action, with Counter.Error). Reads Site.*,
  Counters.N.{Value,Label}, Counter.{Id, Name, Station, MaxRecalls,
  Error}, Visit.{Id, Ticket, Status, Version, Recalls, CanRecall, Name,
  Reference, Level, CalledAt}, Queue.Count, Queue.N.{Ticket, Level,
  Arrived, Name, Time, Walkin}. ?><?cs
include:"layout/header.cs" ?><?cs
def:action(name, label, cls) ?>
<form method="post" action="/reception/visits/<?cs var:Visit.Id ?>/<?cs var:name ?>" class="inline"><?cs call:hidden_csrf() ?>
<input type="hidden" name="counter" value="<?cs var:Counter.Id ?>">
<input type="hidden" name="version" value="<?cs var:Visit.Version ?>">
<button type="submit" class="btn <?cs var:cls ?>"><?cs var:label ?></button>
</form><?cs
/def ?>
<h1><?cs var:Lang.Reception.Counter.Title ?><?cs if:Counter.Id ?> – <?cs var:Counter.Station ?>, <?cs var:Lang.Reception.Counter.Desk ?> <?cs var:Counter.Name ?><?cs /if ?></h1><?cs
if:Counter.Error ?>
<p class="flash flash-error" role="alert"><?cs var:Counter.Error ?></p><?cs
/if ?>
<form method="get" action="/reception/counter" class="form form-inline"><?cs
if:Site.Id ?><input type="hidden" name="site" value="<?cs var:Site.Id ?>"><?cs /if ?><?cs
call:field_select("counter", Lang.Reception.Counter.Choose, Counters, 0) ?><?cs
call:submit(Lang.Reception.Show) ?>
</form><?cs
if:Counter.Id ?>
<section class="current" aria-labelledby="current-h">
<h2 id="current-h"><?cs var:Lang.Reception.Counter.Current ?></h2><?cs
  if:Visit.Id ?>
<p class="ticket-no" dir="ltr"><?cs var:Visit.Ticket ?></p>
<p><strong><bdi><?cs var:Visit.Name ?></bdi></strong> <small dir="ltr"><?cs var:Visit.Reference ?></small> – <?cs var:Lang.Reception.Level[Visit.Level] ?></p>
<p><?cs var:Lang.Reception.Visit[Visit.Status] ?><?cs if:Visit.CalledAt ?> (<?cs var:Lang.Reception.Counter.CalledAt ?> <span dir="ltr"><?cs var:Visit.CalledAt ?></span>)<?cs /if ?><?cs
    if:Visit.Recalls > 0 ?> – <?cs var:Lang.Reception.Counter.Recalls ?> <?cs var:Visit.Recalls ?>/<?cs var:Counter.MaxRecalls ?><?cs /if ?></p>
<div class="actions-row"><?cs
    if:Visit.Status == "called" ?><?cs
      call:action("start", Lang.Reception.Counter.Start, "") ?><?cs
      if:Visit.CanRecall ?><?cs call:action("recall", Lang.Reception.Counter.Recall, "btn-secondary") ?><?cs /if ?><?cs
      call:action("absent", Lang.Reception.Counter.Absent, "btn-secondary") ?><?cs
    else ?><?cs
      call:action("finish", Lang.Reception.Counter.Finish, "") ?><?cs
    /if ?><?cs
    call:action("returning", Lang.Reception.Counter.Returning, "btn-secondary") ?><?cs
    call:action("refused", Lang.Reception.Counter.Refused, "btn-secondary") ?>
</div><?cs
    if:Visit.CanRegister ?>
<form method="post" action="/registration/start"><?cs call:hidden_csrf() ?>
<input type="hidden" name="visit" value="<?cs var:Visit.Id ?>">
<button type="submit" class="btn"><?cs var:Lang.Reception.Counter.Register ?></button>
</form><?cs
    /if ?><?cs
  else ?>
<p><?cs var:Lang.Reception.Counter.Free ?></p>
<form method="post" action="/reception/counter/<?cs var:Counter.Id ?>/call"><?cs call:hidden_csrf() ?>
<button type="submit" class="btn"><?cs var:Lang.Reception.Counter.CallNext ?></button>
</form><?cs
  /if ?>
</section>
<section aria-labelledby="queue-h">
<h2 id="queue-h"><?cs var:Lang.Reception.Counter.Queue ?> (<?cs var:Queue.Count ?>)</h2>
<div class="table-wrap">
<table>
<caption><?cs var:Lang.Reception.Counter.QueueCaption ?></caption>
<thead><tr>
<th scope="col"><?cs var:Lang.Board.Ticket ?></th>
<th scope="col"><?cs var:Lang.Reception.Checkin.Name ?></th>
<th scope="col"><?cs var:Lang.Reception.Walkin.Level ?></th>
<th scope="col"><?cs var:Lang.Reception.Checkin.Time ?></th>
<th scope="col"><?cs var:Lang.Reception.Counter.Arrived ?></th>
</tr></thead>
<tbody><?cs
  if:Queue.Count > 0 ?><?cs
    each:q = Queue ?><?cs if:q.Ticket ?>
<tr>
<th scope="row" dir="ltr"><?cs var:q.Ticket ?></th>
<td><bdi><?cs var:q.Name ?></bdi></td>
<td><?cs var:Lang.Reception.Level[q.Level] ?></td>
<td><?cs if:q.Walkin ?><?cs var:Lang.Reception.Channel.walkin ?><?cs else ?><span dir="ltr"><?cs var:q.Time ?></span><?cs /if ?></td>
<td dir="ltr"><?cs var:q.Arrived ?></td>
</tr><?cs /if ?><?cs
    /each ?><?cs
  else ?><?cs
    call:table_empty(5) ?><?cs
  /if ?>
</tbody>
</table>
</div>
</section><?cs
/if ?><?cs
include:"layout/footer.cs" ?>
