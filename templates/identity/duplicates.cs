<?cs # duplicates.cs: the review queue of duplicate pairs
  (GET /identity/duplicates). Reads Queue.{Total, Page, Pages} and
  Queue.Items.N.{Id, A, B, NameA, NameB, Status, StatusLabel, Origin,
  Score, Class, ClassLabel, Detected}. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Identity.Queue.Title ?></h1>
<p><?cs var:Lang.Identity.Queue.Intro ?> (<?cs var:Queue.Total ?>)</p>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Identity.Queue.Title ?>">
<table class="queue">
<caption><?cs var:Lang.Identity.Queue.Title ?></caption>
<thead><tr>
<th scope="col"><?cs var:Lang.Identity.Queue.Pair ?></th>
<th scope="col"><?cs var:Lang.Identity.Search.Score ?></th>
<th scope="col"><?cs var:Lang.Identity.Queue.Status ?></th>
<th scope="col"><?cs var:Lang.Identity.Queue.Origin ?></th>
<th scope="col"><?cs var:Lang.Identity.Queue.Detected ?></th>
</tr></thead>
<tbody><?cs
if:subcount(Queue.Items) > 0 ?><?cs
  each:q = Queue.Items ?>
<tr>
<td><a href="/identity/duplicates/<?cs var:q.Id ?>"><bdi><?cs var:q.NameA ?></bdi> / <bdi><?cs var:q.NameB ?></bdi></a></td>
<td><span class="badge badge-<?cs var:q.Class ?>"><?cs var:q.ClassLabel ?></span> <?cs var:q.Score ?>%</td>
<td><?cs var:q.StatusLabel ?></td>
<td><?cs var:q.Origin ?></td>
<td dir="ltr"><?cs var:q.Detected ?></td>
</tr><?cs
  /each ?><?cs
else ?><?cs
  call:table_empty(5) ?><?cs
/if ?>
</tbody>
</table>
</div><?cs
call:pager(Queue.Page, Queue.Pages) ?><?cs
include:"layout/footer.cs" ?>
