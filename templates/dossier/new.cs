<?cs # new.cs: open a dossier for a person of the register (GET
  /dossier/new?person_id=; the re-rendered form of a rejected POST
  /dossier). Reads Person.{Id, Name}, Procedures.N.{Value, Label} and
  Form.* (the error summary names each field: Form.<name>.Label). ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Dossier.New.Title ?></h1><?cs
set:Form.person_id.Label = Lang.Dossier.PersonNumber ?><?cs
set:Form.procedure_id.Label = Lang.Dossier.Procedure ?><?cs
set:Form.lodged_on.Label = Lang.Dossier.LodgedOn ?><?cs
call:form_summary() ?><?cs
if:Person.Name ?>
<p><?cs var:Lang.Dossier.New.For ?> <a href="/identity/persons/<?cs var:Person.Id ?>"><bdi><?cs var:Person.Name ?></bdi></a></p><?cs
else ?>
<p class="hint"><?cs var:Lang.Dossier.New.Hint ?></p><?cs
/if ?>
<form method="post" action="/dossier" class="form"><?cs call:hidden_csrf() ?><?cs
if:Person.Id ?>
<input type="hidden" name="person_id" value="<?cs var:Person.Id ?>"><?cs
else ?><?cs
  call:field_text("person_id", Lang.Dossier.PersonNumber, "number", 1) ?><?cs
/if ?><?cs
call:field_select("procedure_id", Lang.Dossier.Procedure, Procedures, 1) ?><?cs
call:field_text("lodged_on", Lang.Dossier.LodgedOn, "date", 0) ?>
<p class="hint"><?cs var:Lang.Dossier.New.LodgedHint ?></p><?cs
call:field_checkbox("assign_me", Lang.Dossier.New.AssignMe) ?><?cs
call:field_checkbox("sealed", Lang.Dossier.New.Sealed) ?><?cs
call:submit(Lang.Dossier.New.Button) ?>
</form><?cs
include:"layout/footer.cs" ?>
