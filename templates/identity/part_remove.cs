<?cs # part_remove.cs: GET /identity/persons/{id}/documents/{doc}/delete
  or .../phones/{contact}/delete, and the first POST to either (without
  confirm=1) from the person's page: the question before a document or
  a phone number is removed from a record, saying what will happen.
  "Yes, remove it" posts confirm=1; "No, keep it" goes back to the
  person's section. Nothing has changed yet. Reads Person.{Id,
  FamilyName, GivenNames}, Remove.{Title, Part ("document" or "phone"),
  Kind (a document's type), Text, Action, Back}. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Remove.Title ?></h1>
<p><?cs var:Lang.Identity.RemovePart.Intro ?></p>
<dl class="facts">
<dt><?cs var:Lang.Identity.RemovePart.Person ?></dt><dd><a href="/identity/persons/<?cs var:Person.Id ?>"><bdi><?cs var:Person.FamilyName ?></bdi><?cs if:Person.GivenNames ?><?cs var:Lang.Form.Comma ?> <bdi><?cs var:Person.GivenNames ?></bdi><?cs /if ?></a></dd><?cs
if:Remove.Part == "document" ?>
<dt><?cs var:Lang.Identity.RemovePart.Document ?></dt><dd><?cs var:Remove.Kind ?> <span dir="ltr"><?cs var:Remove.Text ?></span></dd><?cs
else ?>
<dt><?cs var:Lang.Identity.RemovePart.Phone ?></dt><dd><span dir="ltr"><?cs var:Remove.Text ?></span></dd><?cs
/if ?>
</dl>
<h2><?cs var:Lang.Identity.RemovePart.What ?></h2>
<ul>
<li><?cs var:Lang.Identity.RemovePart.Gone ?></li>
<li><?cs var:Lang.Identity.RemovePart.Audit ?></li>
</ul>
<form method="post" action="<?cs var:url_validate(Remove.Action) ?>" class="form"><?cs
call:hidden_csrf() ?>
<input type="hidden" name="confirm" value="1">
<div class="actions"><button type="submit" class="btn"><?cs var:Lang.Identity.RemovePart.Yes ?></button>
<a class="btn btn-secondary" href="<?cs var:url_validate(Remove.Back) ?>"><?cs var:Lang.Identity.RemovePart.Keep ?></a></div>
</form><?cs
include:"layout/footer.cs" ?>
