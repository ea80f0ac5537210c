<?cs # member.cs: GET /registration/member/{pos}: one person of the
  household (Member.Position; Member.Principal for the principal, who
  also receives the information and gives consent); the rejected POST
  shows every message next to its field. Options.{Relations, Sexes,
  DocTypes, Langs, Leaflets, Needs}.N; the household so far
  (Household.N). ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Page.Title ?></h1><?cs
set:Form.relation.Label = Lang.Registration.Field.Relation ?><?cs
set:Form.family_name.Label = Lang.Registration.Field.FamilyName ?><?cs
set:Form.sex.Label = Lang.Registration.Field.Sex ?><?cs
set:Form.birth.Label = Lang.Registration.Field.Birth ?><?cs
set:Form.nationality.Label = Lang.Registration.Field.Nationality ?><?cs
set:Form.languages.Label = Lang.Registration.Field.Languages ?><?cs
set:Form.phone.Label = Lang.Registration.Field.Phone ?><?cs
set:Form.doc_type.Label = Lang.Registration.Field.DocType ?><?cs
set:Form.doc_number.Label = Lang.Registration.Field.DocNumber ?><?cs
set:Form.doc_issued.Label = Lang.Registration.Field.DocIssued ?><?cs
set:Form.doc_expiry.Label = Lang.Registration.Field.DocExpiry ?><?cs
set:Form.mrz.Label = Lang.Registration.Field.Mrz ?><?cs
set:Form.leaflet.Label = Lang.Registration.Field.Leaflet ?><?cs
set:Form.leaflet_lang.Label = Lang.Registration.Field.LeafletLang ?><?cs
set:Form.consent.Label = Lang.Registration.Field.Consent ?><?cs
set:Form.given_names.Label = Lang.Registration.Field.GivenNames ?><?cs
set:Form.family_latin.Label = Lang.Registration.Field.FamilyLatin ?><?cs
set:Form.given_latin.Label = Lang.Registration.Field.GivenLatin ?><?cs
set:Form.doc_country.Label = Lang.Registration.Field.DocCountry ?><?cs
set:Form.interpreter.Label = Lang.Registration.Field.Interpreter ?><?cs
set:Form.address.Label = Lang.Registration.Field.Address ?><?cs
call:form_summary() ?><?cs
if:Member.FromReception ?>
<p class="note"><?cs var:Lang.Registration.Member.FromReception ?></p><?cs
/if ?><?cs
if:subcount(Household) > 0 ?>
<p class="hint"><?cs var:Lang.Registration.Member.Household ?> <?cs
  each:h = Household ?><bdi><?cs var:h.Name ?></bdi> (<?cs var:h.Relation ?>)<?cs if:!last(h) ?>, <?cs /if ?><?cs /each ?></p><?cs
/if ?>
<form method="post" action="/registration/member/<?cs var:Member.Position ?>" class="form"><?cs call:hidden_csrf() ?><?cs
if:!Member.Principal ?><?cs
  call:field_select("relation", Lang.Registration.Field.Relation, Options.Relations, 1) ?><?cs
/if ?>
<fieldset>
<legend><?cs var:Lang.Registration.Member.Document ?></legend>
<p class="hint" id="mrz-hint"><?cs var:Lang.Registration.Member.MrzHint ?></p><?cs
call:field_textarea("mrz", Lang.Registration.Field.Mrz, 0) ?><?cs
call:field_select("doc_type", Lang.Registration.Field.DocType, Options.DocTypes, 0) ?><?cs
call:field_text("doc_number", Lang.Registration.Field.DocNumber, "text", 0) ?><?cs
call:field_text("doc_country", Lang.Registration.Field.DocCountry, "text", 0) ?><?cs
call:field_text("doc_issued", Lang.Registration.Field.DocIssued, "date", 0) ?><?cs
call:field_text("doc_expiry", Lang.Registration.Field.DocExpiry, "date", 0) ?>
</fieldset>
<fieldset>
<legend><?cs var:Lang.Registration.Member.Identity ?></legend><?cs
call:field_text("family_name", Lang.Registration.Field.FamilyName, "text", 1) ?><?cs
call:field_text("given_names", Lang.Registration.Field.GivenNames, "text", 0) ?>
<p class="hint"><?cs var:Lang.Registration.Member.LatinHint ?></p><?cs
call:field_text("family_latin", Lang.Registration.Field.FamilyLatin, "text", 0) ?><?cs
call:field_text("given_latin", Lang.Registration.Field.GivenLatin, "text", 0) ?><?cs
call:field_select("sex", Lang.Registration.Field.Sex, Options.Sexes, 1) ?><?cs
call:field_text("birth", Lang.Registration.Field.Birth, "text", 1) ?>
<p class="hint"><?cs var:Lang.Registration.Member.BirthHint ?></p><?cs
call:field_text("nationality", Lang.Registration.Field.Nationality, "text", 1) ?>
</fieldset>
<fieldset>
<legend><?cs var:Lang.Registration.Member.Contact ?></legend><?cs
call:field_text("languages", Lang.Registration.Field.Languages, "text", 1) ?><?cs
call:field_select("interpreter", Lang.Registration.Field.Interpreter, Options.Langs, 0) ?><?cs
call:field_text("phone", Lang.Registration.Field.Phone, "tel", 0) ?><?cs
call:field_text("address", Lang.Registration.Field.Address, "text", 0) ?>
</fieldset>
<fieldset>
<legend><?cs var:Lang.Registration.Member.Needs ?></legend><?cs
each:n = Options.Needs ?><?cs
  call:field_checkbox(n.Name, n.Label) ?><?cs
/each ?>
</fieldset><?cs
if:Member.Principal ?>
<fieldset>
<legend><?cs var:Lang.Registration.Member.Information ?></legend><?cs
  call:field_select("leaflet", Lang.Registration.Field.Leaflet, Options.Leaflets, 1) ?><?cs
  call:field_select("leaflet_lang", Lang.Registration.Field.LeafletLang, Options.Langs, 1) ?><?cs
  call:field_checkbox("consent", Lang.Registration.Field.Consent) ?>
</fieldset><?cs
/if ?><?cs
call:submit(Lang.Registration.Member.Save) ?>
</form>
<p><a href="/registration"><?cs var:Lang.Registration.BackToDesk ?></a></p><?cs
include:"layout/footer.cs" ?>
