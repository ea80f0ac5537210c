<?cs # documents.cs: documents issued for an act (GET /civil/{id}/documents)
  or for a person (GET /civil/persons/{id}/documents), and their issue
  forms re-rendered when refused. Reads Act.{Id, KindLabel, StatusLabel,
  Issuable} (an act's page), Person.{Id, Name, Latin}, Issue.{Attest,
  Key, Today, Latest}, Langs.N.{Value, Label}, Can.Issue,
  CivilDoc.Refused, Docs.N.{Id, Serial, Type, TypeLabel, Issued,
  ValidUntil, Status, StatusLabel, Act, Lang} and Form.*. Each issue
  form carries a request key made when it was shown: sent twice, it
  issues one document. ?><?cs
include:"layout/header.cs" ?><?cs
def:lang_select() ?>
<div class="field<?cs if:Form.lang.Error ?> has-error<?cs /if ?>"><?cs
  call:field_label("lang", Lang.CivilDoc.LangLabel, 1) ?>
<select<?cs call:field_attrs("lang", 1) ?>>
<option value=""><?cs var:Lang.Form.Choose ?></option><?cs
  each:o = Langs ?>
<option value="<?cs var:o.Value ?>"<?cs if:string.length(Form.lang.Value) == string.length(o.Value) && Form.lang.Value == o.Value ?> selected<?cs /if ?>><?cs var:o.Label ?></option><?cs
  /each ?>
</select>
<p class="hint" id="h-lang"><?cs var:Lang.CivilDoc.LangHint ?></p>
</div><?cs
/def ?><?cs
def:key_hidden() ?>
<input type="hidden" name="key" value="<?cs if:Form.key.Value ?><?cs var:Form.key.Value ?><?cs else ?><?cs var:Issue.Key ?><?cs /if ?>"><?cs
/def ?><?cs
if:Act.Id ?>
<h1><?cs var:Lang.CivilDoc.ActTitle ?> <span dir="ltr"><?cs var:Act.Id ?></span></h1><?cs
else ?>
<h1><?cs var:Lang.CivilDoc.PersonTitle ?></h1><?cs
/if ?><?cs
if:CivilDoc.Refused ?>
<div class="flash flash-error" role="alert" id="issue-refused"><?cs call:msg(CivilDoc.Refused) ?></div><?cs
/if ?><?cs
set:Form.form.Label = Lang.CivilDoc.FormLabel ?><?cs
set:Form.lang.Label = Lang.CivilDoc.LangLabel ?><?cs
set:Form.type.Label = Lang.CivilDoc.AttestLabel ?><?cs
set:Form.valid_until.Label = Lang.CivilDoc.ValidUntil ?><?cs
set:Form.key.Label = Lang.CivilDoc.KeyLabel ?><?cs
call:form_summary() ?>
<dl class="record">
<dt><?cs var:Lang.Civil.Person ?></dt><dd><a href="/identity/persons/<?cs var:Person.Id ?>"><bdi><?cs var:Person.Name ?></bdi></a><?cs if:Person.Latin ?> <span class="latin" dir="ltr">(<?cs var:Person.Latin ?>)</span><?cs /if ?></dd><?cs
if:Act.Id ?>
<dt><?cs var:Lang.Civil.Kind.Label ?></dt><dd><a href="/civil/<?cs var:Act.Id ?>"><?cs var:Act.KindLabel ?> <span dir="ltr"><?cs var:Act.Id ?></span></a></dd>
<dt><?cs var:Lang.Civil.Status ?></dt><dd><?cs var:Act.StatusLabel ?></dd><?cs
/if ?>
</dl>
<p class="links"><?cs if:Act.Id ?><a href="/civil/persons/<?cs var:Person.Id ?>/documents"><?cs var:Lang.CivilDoc.AllOfPerson ?></a><?cs else ?><a href="/civil?person=<?cs var:Person.Id ?>"><?cs var:Lang.CivilDoc.ActsOfPerson ?></a><?cs /if ?></p>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="docs-caption">
<table id="issued-documents">
<caption id="docs-caption"><?cs var:Lang.CivilDoc.ListCaption ?></caption>
<thead><tr>
<th scope="col"><?cs var:Lang.CivilDoc.Serial ?></th>
<th scope="col"><?cs var:Lang.CivilDoc.TypeLabel ?></th>
<th scope="col"><?cs var:Lang.CivilDoc.Issued ?></th>
<th scope="col"><?cs var:Lang.CivilDoc.ValidUntil ?></th>
<th scope="col"><?cs var:Lang.CivilDoc.StatusLabel ?></th>
</tr></thead>
<tbody><?cs
if:subcount(Docs) > 0 ?><?cs
  each:d = Docs ?>
<tr data-serial="<?cs var:d.Serial ?>" data-status="<?cs var:d.Status ?>">
<td dir="ltr"><a class="ref" href="/civil/documents/<?cs var:d.Id ?>"><?cs var:d.Serial ?></a></td>
<td><?cs var:d.TypeLabel ?> <span class="hint" dir="ltr">(<?cs var:d.Type ?>, <?cs var:d.Lang ?>)</span><?cs if:d.Act && !Act.Id ?> – <a href="/civil/<?cs var:d.Act ?>"><?cs var:Lang.Civil.Act.Number ?> <span dir="ltr"><?cs var:d.Act ?></span></a><?cs /if ?></td>
<td dir="ltr"><?cs var:d.Issued ?></td>
<td dir="ltr"><?cs if:d.ValidUntil ?><?cs var:d.ValidUntil ?><?cs else ?>–<?cs /if ?></td>
<td><?cs var:d.StatusLabel ?></td>
</tr><?cs
  /each ?><?cs
else ?><?cs
  call:table_empty(5) ?><?cs
/if ?>
</tbody>
</table>
</div><?cs
if:Can.Issue ?><?cs
  if:Act.Id ?>
<section aria-labelledby="issue-h">
<h2 id="issue-h"><?cs var:Lang.CivilDoc.IssueCopy ?></h2><?cs
    if:Act.Issuable ?>
<p class="hint"><?cs var:Lang.CivilDoc.IssueCopyHint ?> <span dir="ltr"><?cs var:Act.Issuable ?></span>.</p>
<form method="post" action="/civil/<?cs var:Act.Id ?>/documents" class="form" id="issue-form"><?cs
  call:hidden_csrf() ?><?cs call:key_hidden() ?>
<fieldset<?cs if:Form.form.Error ?> aria-describedby="e-form"<?cs /if ?>>
<legend><?cs var:Lang.CivilDoc.FormLabel ?> <span class="req">(<?cs var:Lang.Form.Required ?>)</span></legend><?cs
  if:Form.form.Error ?><p class="field-error" id="e-form"><?cs call:msg(Form.form.Error) ?></p><?cs /if ?>
<div class="field-check"><input type="radio" name="form" value="copy" id="f-form"<?cs if:Form.form.Value != "extract" ?> checked<?cs /if ?>> <label for="f-form"><?cs var:Lang.CivilDoc.Copy ?></label></div>
<div class="field-check"><input type="radio" name="form" value="extract" id="f-form-extract"<?cs if:Form.form.Value == "extract" ?> checked<?cs /if ?>> <label for="f-form-extract"><?cs var:Lang.CivilDoc.Extract ?></label></div>
</fieldset><?cs
  call:lang_select() ?><?cs
  call:submit(Lang.CivilDoc.IssueButton) ?>
</form><?cs
    else ?>
<p><?cs var:Lang.CivilDoc.Error.NotEstablished ?></p><?cs
    /if ?>
</section><?cs
  else ?>
<section aria-labelledby="attest-h">
<h2 id="attest-h"><?cs var:Lang.CivilDoc.IssueAttest ?></h2>
<form method="post" action="/civil/persons/<?cs var:Person.Id ?>/documents" class="form" id="attest-form"><?cs
  call:hidden_csrf() ?><?cs call:key_hidden() ?>
<fieldset<?cs if:Form.type.Error ?> aria-describedby="e-type"<?cs /if ?>>
<legend><?cs var:Lang.CivilDoc.AttestLabel ?> <span class="req">(<?cs var:Lang.Form.Required ?>)</span></legend><?cs
  if:Form.type.Error ?><p class="field-error" id="e-type"><?cs call:msg(Form.type.Error) ?></p><?cs /if ?>
<div class="field-check"><input type="radio" name="type" value="AP" id="f-type"<?cs if:Form.type.Value != "AE" ?> checked<?cs /if ?>> <label for="f-type"><?cs var:Lang.CivilDoc.Type.AP ?></label></div>
<div class="field-check"><input type="radio" name="type" value="AE" id="f-type-ae"<?cs if:Form.type.Value == "AE" ?> checked<?cs /if ?>> <label for="f-type-ae"><?cs var:Lang.CivilDoc.Type.AE ?></label></div>
</fieldset>
<div class="field<?cs if:Form.valid_until.Error ?> has-error<?cs /if ?>"><?cs
  call:field_label("valid_until", Lang.CivilDoc.ValidUntil, 1) ?>
<input type="date"<?cs call:field_attrs("valid_until", 1) ?> min="<?cs var:Issue.Today ?>" max="<?cs var:Issue.Latest ?>" value="<?cs var:Form.valid_until.Value ?>" dir="ltr">
<p class="hint"><?cs var:Lang.CivilDoc.ValidityHint ?> <span dir="ltr"><?cs var:Issue.Latest ?></span>.</p>
</div><?cs
  call:lang_select() ?><?cs
  call:submit(Lang.CivilDoc.IssueButton) ?>
</form>
</section><?cs
  /if ?><?cs
/if ?><?cs
include:"layout/footer.cs" ?>
