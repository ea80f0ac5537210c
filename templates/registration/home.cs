<?cs # home.cs: GET /registration: the desk. With the agent's open draft
  (Draft.Open): its household (Household.N.{Position, Name, Latin,
  Relation, Decision}), each person's step, the duplicate decisions still
  waiting (Draft.Undecided), adding a member (Draft.Next, Draft.Full),
  the summary; without: the button that starts a registration. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Registration.Home.Title ?></h1><?cs
if:Draft.Open ?>
<p class="lead"><?cs var:Lang.Registration.Home.Resume ?> <span dir="ltr"><?cs var:Draft.Lodged ?></span></p><?cs
  if:Draft.Members > 0 ?>
<div class="table-wrap">
<table>
<caption><?cs var:Lang.Registration.Home.Household ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.Registration.Field.Name ?></th><th scope="col"><?cs var:Lang.Registration.Field.Latin ?></th><th scope="col"><?cs var:Lang.Registration.Field.Relation ?></th><th scope="col"><?cs var:Lang.Registration.Field.Check ?></th></tr></thead>
<tbody><?cs
    each:m = Household ?>
<tr><td><a href="/registration/member/<?cs var:m.Position ?>"><bdi><?cs var:m.Name ?></bdi></a></td><td><bdi><?cs var:m.Latin ?></bdi></td><td><?cs var:m.Relation ?></td><td><?cs
      if:m.Decision == "link" ?><?cs var:Lang.Registration.Decision.Link ?><?cs
      elif:m.Decision == "create" ?><?cs var:Lang.Registration.Decision.Create ?><?cs
      else ?><a href="/registration/member/<?cs var:m.Position ?>/match"><?cs var:Lang.Registration.Decision.Waiting ?></a><?cs
      /if ?></td></tr><?cs
    /each ?>
</tbody>
</table>
</div><?cs
  /if ?>
<ul class="links"><?cs
  if:Draft.Members == 0 ?>
<li><a class="btn" href="/registration/member/1"><?cs var:Lang.Registration.Home.Principal ?></a></li><?cs
  else ?><?cs
    if:!Draft.Full ?>
<li><a class="btn btn-secondary" href="/registration/member/<?cs var:Draft.Next ?>"><?cs var:Lang.Registration.Home.AddMember ?></a></li><?cs
    /if ?>
<li><a class="btn" href="/registration/summary"><?cs var:Lang.Registration.Home.Review ?></a></li><?cs
  /if ?>
</ul><?cs
else ?>
<p class="lead"><?cs var:Lang.Registration.Home.None ?></p>
<form method="post" action="/registration/start" class="form"><?cs call:hidden_csrf() ?><?cs
  call:submit(Lang.Registration.Home.Start) ?>
</form><?cs
/if ?><?cs
if:Can.ConfigureRules == "1" ?>
<p><a href="/registration/rules"><?cs var:Lang.Registration.Rules.Title ?></a></p><?cs
/if ?><?cs
include:"layout/footer.cs" ?>
