<?cs # timeline.cs: a person's timeline (GET /identity/persons/{id}/timeline).
  Reads Person.{Id, FamilyName, GivenNames}, Timeline.Count and
  Timeline.Items.N.{Kind, KindLabel, When, Text, Detail, Link}. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Identity.Timeline.Title ?><?cs var:Lang.Form.Colon ?> <bdi><?cs var:Person.FamilyName ?></bdi><?cs var:Lang.Form.Comma ?> <bdi><?cs var:Person.GivenNames ?></bdi></h1><?cs
if:Timeline.Count == 0 ?>
<p><?cs var:Lang.Identity.Timeline.Empty ?></p><?cs
else ?>
<ol class="timeline"><?cs
  each:t = Timeline.Items ?>
<li><span class="timeline-when" dir="ltr"><?cs var:t.When ?></span>
<span class="badge"><?cs var:t.KindLabel ?></span>
<a href="<?cs var:url_validate(t.Link) ?>"><?cs var:t.Text ?></a><?cs
    if:t.Detail ?> <span class="hint"><bdi><?cs var:t.Detail ?></bdi></span><?cs /if ?></li><?cs
  /each ?>
</ol><?cs
/if ?>
<p><a href="/identity/persons/<?cs var:Person.Id ?>"><?cs var:Lang.Identity.BackToPerson ?></a></p><?cs
include:"layout/footer.cs" ?>
