<?cs # member.cs: GET /registration/member/{pos}: one person of the
  household (Member.Position; Member.Principal for the principal, who
  also receives the information and gives consent); the rejected POST
  shows every message next to its field. Options.{Relations, Sexes,
  DocTypes, Langs, Leaflets, Needs}.N; the household so far
  (Household.N). Once the person is saved (Member.Saved), the photo's
  form (Member.HasPhoto: one is on file, shown): a file input, enhanced
  by /static/registration.js with the desk's webcam where the browser
  allows it (the .camera block stays hidden without script). ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Page.Title ?></h1><?cs
set:Form.relation.Label = Lang.Registration.Field.Relation ?><?cs
set:Form.photo.Label = Lang.Registration.Photo.Field ?><?cs
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
<?cs if:Member.Saved ?>
<section class="card" id="photo" aria-labelledby="photo-h">
<h2 id="photo-h"><?cs var:Lang.Registration.Photo.Title ?></h2><?cs
  if:Member.HasPhoto ?>
<img class="member-photo" src="/registration/member/<?cs var:Member.Position ?>/photo" alt="<?cs var:Lang.Registration.Photo.Current ?>"><?cs
  else ?>
<p><?cs var:Lang.Registration.Photo.None ?></p><?cs
  /if ?>
<form method="post" action="/registration/member/<?cs var:Member.Position ?>/photo" enctype="multipart/form-data" class="form photo-form"><?cs call:hidden_csrf() ?>
<div class="camera" hidden>
<p><button type="button" class="btn btn-secondary camera-start"><?cs var:Lang.Registration.Photo.Camera ?></button></p>
<video class="camera-view" autoplay muted playsinline hidden></video>
<canvas class="camera-shot" hidden></canvas>
<p><button type="button" class="btn btn-secondary camera-take" hidden><?cs var:Lang.Registration.Photo.Take ?></button></p>
<p class="hint camera-status" role="status" aria-live="polite" data-denied="<?cs var:Lang.Registration.Photo.NoCamera ?>" data-taken="<?cs var:Lang.Registration.Photo.Taken ?>"></p>
</div>
<div class="field<?cs if:Form.photo.Error ?> has-error<?cs /if ?>"><?cs
  call:field_label("photo", Lang.Registration.Photo.Field, 1) ?>
<input type="file" accept="image/jpeg,image/png"<?cs call:field_attrs("photo", 1) ?>>
</div>
<p class="hint"><?cs var:Lang.Registration.Photo.Hint ?></p><?cs
  call:submit(Lang.Registration.Photo.Upload) ?>
</form>
</section><?cs
/if ?>
<p><a href="/registration"><?cs var:Lang.Registration.BackToDesk ?></a></p>
<script src="/static/registration.js" defer></script><?cs
include:"layout/footer.cs" ?>
