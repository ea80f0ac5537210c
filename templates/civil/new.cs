<?cs # new.cs: open a request for an act (GET /civil/new?person= or
  ?dossier=; the re-rendered form of a rejected POST /civil). Reads
  Person.{Id, Name, Latin}, Dossier.Id, Kinds.N.{Value, Label} and
  Form.*. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Civil.New.Title ?></h1><?cs
set:Form.person.Label = Lang.Civil.New.PersonNumber ?><?cs
set:Form.kind.Label = Lang.Civil.Kind.Label ?><?cs
call:form_summary() ?><?cs
if:Person.Name ?>
<p><?cs var:Lang.Civil.New.For ?> <a href="/identity/persons/<?cs var:Person.Id ?>"><bdi><?cs var:Person.Name ?></bdi></a><?cs if:Person.Latin ?> <span class="latin" dir="ltr">(<?cs var:Person.Latin ?>)</span><?cs /if ?></p><?cs
else ?>
<p class="hint"><?cs var:Lang.Civil.New.Hint ?></p><?cs
/if ?><?cs
if:Dossier.Id ?>
<p><?cs var:Lang.Civil.New.FromDossier ?> <a href="/dossier/<?cs var:Dossier.Id ?>"><?cs var:Dossier.Id ?></a></p><?cs
/if ?>
<form method="post" action="/civil" class="form"><?cs call:hidden_csrf() ?><?cs
if:Person.Id ?>
<input type="hidden" name="person" value="<?cs var:Person.Id ?>"><?cs
else ?><?cs
  call:field_text("person", Lang.Civil.New.PersonNumber, "number", 1) ?><?cs
/if ?><?cs
if:Dossier.Id ?>
<input type="hidden" name="dossier" value="<?cs var:Dossier.Id ?>"><?cs
/if ?><?cs
call:field_select("kind", Lang.Civil.Kind.Label, Kinds, 1) ?>
<p class="hint"><?cs var:Lang.Civil.New.PrefillHint ?></p><?cs
call:submit(Lang.Civil.New.Button) ?>
</form><?cs
include:"layout/footer.cs" ?>
