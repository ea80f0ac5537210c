<?cs # family_unlink.cs: GET /identity/persons/{id}/family/{link}/delete,
  and the first POST to it (without confirm=1) from the person's family
  section: the question before a family link is removed, saying what
  will happen: the person, the relation and the relative; the link
  removed from both records; both records kept; the removal in the
  audit log. "Yes, remove" posts confirm=1; "Keep it" goes back to the
  family section. Nothing has changed yet. Reads Person.{Id,FamilyName,
  GivenNames}, Unlink.{Id,RelationLabel,RelativeId,FamilyName,
  GivenNames}. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Identity.Family.UnlinkTitle ?></h1>
<p><?cs var:Lang.Identity.Family.UnlinkIntro ?></p>
<dl class="facts">
<dt><?cs var:Lang.Identity.Family.UnlinkPerson ?></dt><dd><a href="/identity/persons/<?cs var:Person.Id ?>"><bdi><?cs var:Person.FamilyName ?></bdi><?cs if:Person.GivenNames ?><?cs var:Lang.Form.Comma ?> <bdi><?cs var:Person.GivenNames ?></bdi><?cs /if ?></a></dd>
<dt><?cs var:Lang.Identity.Family.Relation ?></dt><dd><?cs var:Unlink.RelationLabel ?></dd>
<dt><?cs var:Lang.Identity.Family.UnlinkRelative ?></dt><dd><a href="/identity/persons/<?cs var:Unlink.RelativeId ?>"><bdi><?cs var:Unlink.FamilyName ?></bdi><?cs if:Unlink.GivenNames ?><?cs var:Lang.Form.Comma ?> <bdi><?cs var:Unlink.GivenNames ?></bdi><?cs /if ?></a></dd>
</dl>
<h2><?cs var:Lang.Identity.Family.UnlinkWhat ?></h2>
<ul>
<li><?cs var:Lang.Identity.Family.UnlinkBoth ?></li>
<li><?cs var:Lang.Identity.Family.UnlinkKept ?></li>
<li><?cs var:Lang.Identity.Family.UnlinkAudit ?></li>
</ul>
<form method="post" action="/identity/persons/<?cs var:Person.Id ?>/family/<?cs var:Unlink.Id ?>/delete" class="form"><?cs
call:hidden_csrf() ?>
<input type="hidden" name="confirm" value="1">
<div class="actions"><button type="submit" class="btn"><?cs var:Lang.Identity.Family.UnlinkYes ?></button>
<a class="btn btn-secondary" href="/identity/persons/<?cs var:Person.Id ?>#family"><?cs var:Lang.Identity.Family.UnlinkKeep ?></a></div>
</form><?cs
include:"layout/footer.cs" ?>
