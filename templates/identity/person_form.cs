<?cs # person_form.cs: create (GET/POST /identity/persons/new, Person.New)
  or edit (GET/POST /identity/persons/{id}/edit) a person. Reads Form.*,
  Person.Id, Person.FamilyName, Person.Sexes.N.{Value,Label}, and after a
  lost save (409) Conflict.Show with Conflict.Rows.N.{Label,Stored,
  Mine} (common/edit.c; Conflict.Merged
  when the record was merged meanwhile). A relative being recorded:
  Person.RelativeOf, Person.RelativeName, Person.Relation. The
  duplicate check (identity/dup_panel.cs) and the consistency warnings
  (identity/warn_panel.cs) come before the submit button. ?><?cs
include:"layout/header.cs" ?><?cs
if:Person.New ?>
<h1><?cs var:Lang.Identity.New.Title ?></h1><?cs
else ?>
<h1><?cs var:Lang.Identity.Edit.Title ?> <bdi><?cs var:Person.FamilyName ?></bdi></h1><?cs
/if ?><?cs
if:Conflict.Merged ?>
<div class="form-summary" role="alert">
<p><?cs var:Lang.Identity.Conflict.Merged ?> <a href="/identity/persons/<?cs var:Person.MergedInto ?>">#<?cs var:Person.MergedInto ?></a></p>
</div><?cs
/if ?><?cs
call:conflict_table(Lang.Identity.Conflict.Message, Lang.Identity.Conflict.Again) ?><?cs
# the error summary names each field in error by its label ?><?cs
set:Form.family_name.Label = Lang.Identity.Field.FamilyName ?><?cs
set:Form.given_names.Label = Lang.Identity.Field.GivenNames ?><?cs
set:Form.sex.Label = Lang.Identity.Field.Sex ?><?cs
set:Form.birth_date.Label = Lang.Identity.Field.BirthDate ?><?cs
set:Form.birth_place.Label = Lang.Identity.Field.BirthPlace ?><?cs
set:Form.nationality.Label = Lang.Identity.Field.Nationality ?><?cs
set:Form.father_name.Label = Lang.Identity.Field.FatherName ?><?cs
set:Form.mother_name.Label = Lang.Identity.Field.MotherName ?><?cs
set:Form.death_date.Label = Lang.Identity.Field.DeathDate ?><?cs
call:form_summary() ?><?cs
if:Person.New ?>
<form method="post" action="/identity/persons/new" class="form"><?cs
else ?>
<form method="post" action="/identity/persons/<?cs var:Person.Id ?>/edit" class="form">
<input type="hidden" name="version" value="<?cs var:Form.version.Value ?>"><?cs
/if ?><?cs
call:hidden_csrf() ?><?cs
if:Person.RelativeOf ?>
<input type="hidden" name="relative_of" value="<?cs var:Person.RelativeOf ?>">
<input type="hidden" name="relation" value="<?cs var:Person.Relation ?>">
<p class="hint"><?cs var:Lang.Identity.Family.NewRelative ?> <a href="/identity/persons/<?cs var:Person.RelativeOf ?>"><bdi><?cs var:Person.RelativeName ?></bdi></a> (<?cs var:Lang.Identity.Relation[Person.Relation] ?>)</p><?cs
/if ?>
<p class="hint"><?cs var:Lang.Identity.New.Hint ?></p><?cs
call:field_text("family_name", Lang.Identity.Field.FamilyName, "text", 1) ?><?cs
call:field_text("given_names", Lang.Identity.Field.GivenNames, "text", 0) ?><?cs
call:field_select("sex", Lang.Identity.Field.Sex, Person.Sexes, 0) ?><?cs
call:field_text("birth_date", Lang.Identity.Field.BirthDateInput, "text", 0) ?><?cs
call:field_text("birth_place", Lang.Identity.Field.BirthPlace, "text", 0) ?><?cs
# the nationality: a code, picked by the country's name in the page's
  language from the datalist (Countries) ?>
<div class="field<?cs if:Form.nationality.Error ?> has-error<?cs /if ?>"><?cs
  call:field_label("nationality", Lang.Identity.Field.NationalityCode, 0) ?>
<input type="text" list="countries" autocomplete="off"<?cs call:field_attrs("nationality", 0) ?> value="<?cs var:Form.nationality.Value ?>">
<datalist id="countries"><?cs each:c = Countries ?><option value="<?cs var:c.Value ?>"><?cs var:c.Label ?></option><?cs /each ?></datalist>
</div><?cs
call:field_text("father_name", Lang.Identity.Field.FatherName, "text", 0) ?><?cs
call:field_text("mother_name", Lang.Identity.Field.MotherName, "text", 0) ?><?cs
call:field_text("death_date", Lang.Identity.Field.DeathDateInput, "text", 0) ?><?cs
include:"identity/dup_panel.cs" ?><?cs
include:"identity/warn_panel.cs" ?><?cs
if:Person.New ?><?cs
  call:submit(Lang.Identity.New.Submit) ?><?cs
else ?><?cs
  call:submit(Lang.Identity.Edit.Submit) ?><?cs
/if ?>
</form><?cs
if:!Person.New ?>
<p><a href="/identity/persons/<?cs var:Person.Id ?>"><?cs var:Lang.Identity.BackToPerson ?></a></p><?cs
/if ?><?cs
include:"layout/footer.cs" ?>
