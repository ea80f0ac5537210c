<?cs # configure_sites.cs: the sites (GET /appointments/sites). Reads
  Appt.Sites.N.{Id,Code,Name,Zone,Active} and Appt.SiteCount. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Appt.Sites.Title ?></h1>
<p><a class="btn" href="/appointments/sites/new"><?cs var:Lang.Appt.Sites.New ?></a></p>
<div class="table-wrap">
<table>
<caption><?cs var:Lang.Appt.Sites.Caption ?></caption>
<thead><tr>
<th scope="col"><?cs var:Lang.Appt.Sites.Name ?></th>
<th scope="col"><?cs var:Lang.Appt.Sites.Code ?></th>
<th scope="col"><?cs var:Lang.Appt.Sites.Zone ?></th>
<th scope="col"><?cs var:Lang.Appt.Sites.Active ?></th>
</tr></thead>
<tbody><?cs
if:Appt.SiteCount > 0 ?><?cs
  each:s = Appt.Sites ?>
<tr>
<th scope="row"><a href="/appointments/sites/<?cs var:s.Id ?>"><?cs var:s.Name ?></a></th>
<td dir="ltr"><?cs var:s.Code ?></td>
<td dir="ltr"><?cs var:s.Zone ?></td>
<td><?cs if:s.Active == "1" ?><?cs var:Lang.ApptConf.Yes ?><?cs else ?><?cs var:Lang.ApptConf.No ?><?cs /if ?></td>
</tr><?cs
  /each ?><?cs
else ?><?cs
  call:table_empty(4) ?><?cs
/if ?>
</tbody>
</table>
</div>
<p><a href="/appointments"><?cs var:Lang.ApptConf.BackHome ?></a></p><?cs
include:"layout/footer.cs" ?>
