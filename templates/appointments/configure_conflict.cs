<?cs # configure_conflict.cs: included by configure_site.cs and
  configure_service.cs after a lost save (409): ApptConf.Conflict.Show
  and ApptConf.Conflict.Rows.N.{Label,Stored,Mine}. ?><?cs
if:ApptConf.Conflict.Show ?>
<div class="form-summary" role="alert" tabindex="-1">
<p><?cs var:Lang.Appt.Error.Stale ?></p><?cs
  if:subcount(ApptConf.Conflict.Rows) > 0 ?>
<div class="table-wrap">
<table>
<caption><?cs var:Lang.ApptConf.ConflictCaption ?></caption>
<thead><tr>
<th scope="col"><?cs var:Lang.ApptConf.Field ?></th>
<th scope="col"><?cs var:Lang.Appt.Conflict.Stored ?></th>
<th scope="col"><?cs var:Lang.Appt.Conflict.Mine ?></th>
</tr></thead>
<tbody><?cs
    each:c = ApptConf.Conflict.Rows ?>
<tr>
<th scope="row"><?cs var:c.Label ?></th>
<td class="conflict-stored"><?cs var:c.Stored ?></td>
<td class="conflict-mine"><?cs var:c.Mine ?></td>
</tr><?cs
    /each ?>
</tbody>
</table>
</div><?cs
  /if ?>
</div><?cs
/if ?>
