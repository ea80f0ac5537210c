<?cs # configure_services.cs: the services (GET /appointments/services).
  Reads ApptConf.Services.N.{Id,Code,Name,Duration,NeedsDocument,Active,
  Offers} and ApptConf.ServiceCount. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Appt.Services.Title ?></h1>
<p><a class="btn" href="/appointments/services/new"><?cs var:Lang.Appt.Services.New ?></a></p>
<div class="table-wrap">
<table>
<caption><?cs var:Lang.Appt.Services.Caption ?></caption>
<thead><tr>
<th scope="col"><?cs var:Lang.ApptConf.Name ?></th>
<th scope="col"><?cs var:Lang.Appt.Services.Code ?></th>
<th scope="col"><?cs var:Lang.Appt.Services.Duration ?></th>
<th scope="col"><?cs var:Lang.Appt.Services.NeedsDocument ?></th>
<th scope="col"><?cs var:Lang.Appt.Services.Active ?></th>
<th scope="col"><?cs var:Lang.ApptConf.OfferCount ?></th>
</tr></thead>
<tbody><?cs
if:ApptConf.ServiceCount > 0 ?><?cs
  each:s = ApptConf.Services ?>
<tr>
<th scope="row"><a href="/appointments/services/<?cs var:s.Id ?>"><?cs var:s.Name ?></a></th>
<td dir="ltr"><?cs var:s.Code ?></td>
<td><?cs var:s.Duration ?></td>
<td><?cs var:s.NeedsDocument ?></td>
<td><?cs var:s.Active ?></td>
<td><?cs var:s.Offers ?></td>
</tr><?cs
  /each ?><?cs
else ?><?cs
  call:table_empty(6) ?><?cs
/if ?>
</tbody>
</table>
</div>
<p><a href="/appointments"><?cs var:Lang.ApptConf.BackHome ?></a></p><?cs
include:"layout/footer.cs" ?>
