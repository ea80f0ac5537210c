<?cs # agents.cs: the list of agents (GET /agents). Reads Agents.Q,
  Agents.Count, Agents.TimeZone and Agents.List.N.{Id, Username,
  DisplayName, Site, Disabled, Roles, LastLogin}. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Agents.Title ?></h1>
<p><a class="btn" href="/agents/new"><?cs var:Lang.Agents.NewLink ?></a></p>
<form method="get" action="/agents" class="form" role="search"><?cs
call:field_text("q", Lang.Agents.Search, "search", 0) ?><?cs
call:submit(Lang.Agents.SearchSubmit) ?>
</form>
<div class="table-wrap">
<table>
<caption><?cs var:Lang.Agents.Caption ?> (<?cs var:Lang.Agents.TimesIn ?> <?cs var:Agents.TimeZone ?>)</caption>
<thead>
<tr>
<th scope="col"><?cs var:Lang.Agents.Field.Username ?></th>
<th scope="col"><?cs var:Lang.Agents.Field.DisplayName ?></th>
<th scope="col"><?cs var:Lang.Agents.Field.Roles ?></th>
<th scope="col"><?cs var:Lang.Agents.Field.HomeSite ?></th>
<th scope="col"><?cs var:Lang.Agents.Field.Status ?></th>
<th scope="col"><?cs var:Lang.Agents.Field.LastLogin ?></th>
</tr>
</thead>
<tbody><?cs
if:Agents.Count > 0 ?><?cs
  each:a = Agents.List ?>
<tr>
<th scope="row"><a href="/agents/<?cs var:a.Id ?>" dir="ltr"><?cs var:a.Username ?></a></th>
<td><?cs var:a.DisplayName ?></td>
<td><?cs var:a.Roles ?></td>
<td><?cs var:a.Site ?></td>
<td><?cs if:a.Disabled == "1" ?><?cs var:Lang.Agents.Disabled ?><?cs else ?><?cs var:Lang.Agents.Active ?><?cs /if ?></td>
<td><?cs if:a.LastLogin ?><?cs var:a.LastLogin ?><?cs else ?><?cs var:Lang.Agents.Never ?><?cs /if ?></td>
</tr><?cs
  /each ?><?cs
else ?><?cs
  call:table_empty(6) ?><?cs
/if ?>
</tbody>
</table>
</div><?cs
include:"layout/footer.cs" ?>
