<?cs # list.cs: civil-status acts (GET /civil). Reads Statuses.N.{Value,
  Label}, Form.status.Value and Acts.N.{Id, Kind, Status, Version,
  Requested, Name, Latin, Officer} and Can.Backlog. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Civil.List.Title ?></h1>
<p class="links"><a href="/identity"><?cs var:Lang.Civil.List.NewHint ?></a><?cs if:Can.Backlog ?> · <a href="/civil/backlog"><?cs var:Lang.Civil.Backlog.Title ?></a><?cs /if ?></p><?cs
call:form_summary() ?>
<form method="get" action="/civil" class="form-inline filters">
<div class="field"><label for="f-status"><?cs var:Lang.Civil.Status ?></label>
<select id="f-status" name="status"><option value=""><?cs var:Lang.Civil.List.Any ?></option><?cs
each:s = Statuses ?><option value="<?cs var:s.Value ?>"<?cs if:string.length(Form.status.Value) == string.length(s.Value) && s.Value == Form.status.Value ?> selected<?cs /if ?>><?cs var:s.Label ?></option><?cs /each ?>
</select></div>
<div class="actions"><button type="submit" class="btn btn-secondary"><?cs var:Lang.Civil.List.Apply ?></button></div>
</form>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Civil.List.Title ?>">
<table>
<caption><?cs var:Lang.Civil.List.Caption ?></caption>
<thead><tr>
<th scope="col"><?cs var:Lang.Civil.Act.Number ?></th>
<th scope="col"><?cs var:Lang.Civil.Kind.Label ?></th>
<th scope="col"><?cs var:Lang.Civil.Person ?></th>
<th scope="col"><?cs var:Lang.Civil.Status ?></th>
<th scope="col"><?cs var:Lang.Civil.Requested ?></th>
<th scope="col"><?cs var:Lang.Civil.Officer ?></th>
</tr></thead>
<tbody><?cs
if:subcount(Acts) > 0 ?><?cs
  each:a = Acts ?>
<tr>
<td dir="ltr"><a href="/civil/<?cs var:a.Id ?>"><?cs var:a.Id ?></a></td>
<td><?cs var:a.Kind ?></td>
<td><bdi><?cs var:a.Name ?></bdi><?cs if:a.Latin ?> <span class="latin" dir="ltr">(<?cs var:a.Latin ?>)</span><?cs /if ?></td>
<td><?cs var:a.Status ?><?cs if:a.Version > 1 ?> (<?cs var:Lang.Civil.Act.VersionShort ?> <?cs var:a.Version ?>)<?cs /if ?></td>
<td dir="ltr"><?cs var:a.Requested ?></td>
<td><?cs var:a.Officer ?></td>
</tr><?cs
  /each ?><?cs
else ?><?cs
  call:table_empty(6) ?><?cs
/if ?>
</tbody>
</table>
</div><?cs
include:"layout/footer.cs" ?>
