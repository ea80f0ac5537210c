<?cs # day.cs: a site's day list (GET /appointments/day). Reads the
  picker (site_day.cs) and Appt.List.N.{Id,Reference,Time,Name,Given,
  Service,Level,Phone,Notes,Channel,Status,StatusCode,Sms}, Appt.Count. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Appt.Day.Title ?></h1><?cs
set:Appt.Action = "/appointments/day" ?><?cs
include:"appointments/site_day.cs" ?><?cs
if:Appt.Site ?>
<div class="table-wrap">
<table>
<caption><?cs var:Lang.Appt.Day.Caption ?> <?cs var:Appt.Day ?></caption>
<thead><tr>
<th scope="col"><?cs var:Lang.Appt.Field.Time ?></th>
<th scope="col"><?cs var:Lang.Appt.Field.Name ?></th>
<th scope="col"><?cs var:Lang.Appt.Field.Service ?></th>
<th scope="col"><?cs var:Lang.Appt.Field.Level ?></th>
<th scope="col"><?cs var:Lang.Appt.Field.Phone ?></th>
<th scope="col"><?cs var:Lang.Appt.Field.Notes ?></th>
<th scope="col"><?cs var:Lang.Appt.Field.Channel ?></th>
<th scope="col"><?cs var:Lang.Appt.Field.Status ?></th>
<th scope="col"><?cs var:Lang.Notify.SmsColumn ?></th>
<th scope="col"><?cs var:Lang.Appt.Field.Actions ?></th>
</tr></thead>
<tbody><?cs
  if:Appt.Count > 0 ?><?cs
    each:a = Appt.List ?>
<tr>
<td dir="ltr"><?cs var:a.Time ?></td>
<th scope="row"><bdi><?cs var:a.Name ?></bdi><?cs var:Lang.Form.Comma ?> <bdi><?cs var:a.Given ?></bdi></th>
<td><?cs var:a.Service ?></td>
<td><?cs var:a.Level ?></td>
<td dir="ltr"><?cs var:a.Phone ?></td>
<td><?cs var:a.Notes ?></td>
<td><?cs var:a.Channel ?></td>
<td><?cs var:a.Status ?></td>
<td class="sms-status"><?cs var:a.Sms ?></td>
<td><a href="/appointments/bookings/<?cs var:a.Id ?>"><?cs var:Lang.Appt.Edit ?> <span class="ref" dir="ltr"><?cs var:a.Reference ?></span></a><?cs
      if:a.StatusCode == "booked" || a.StatusCode == "confirmed" || a.StatusCode == "arrived" ?>
<form method="post" action="/appointments/bookings/<?cs var:a.Id ?>/cancel" class="inline"><?cs call:hidden_csrf() ?>
<button type="submit" class="btn btn-small"><?cs var:Lang.Appt.Cancel ?> <span class="visually-hidden"><?cs var:a.Reference ?></span></button></form><?cs
      /if ?></td>
</tr><?cs
    /each ?><?cs
  else ?><?cs call:table_empty(10) ?><?cs /if ?>
</tbody>
</table>
</div><?cs
/if ?><?cs
include:"layout/footer.cs" ?>
