<?cs # book_details.cs: step 6, GET /book/details?site=&service=&level=
  &slot= and the 422 of POST /book/review or /book/confirm: the
  applicant's details, each message next to its field, the input kept.
  Reads Book.Site.*, Book.Service.*, Book.Level.*, Book.Slot.*,
  Book.LangOptions.N.{Value,Label}, Form.*. ?><?cs
include:"appointments/book_header.cs" ?>
<h1><?cs var:Lang.Book.Details.Title ?></h1><?cs
include:"appointments/book_chosen.cs" ?>
<form method="post" action="/book/review" class="form" novalidate><?cs
set:Form.family_name.Label = Lang.Book.Field.FamilyName ?><?cs
set:Form.given_names.Label = Lang.Book.Field.GivenNames ?><?cs
set:Form.language.Label = Lang.Book.Field.Language ?><?cs
set:Form.phone.Label = Lang.Book.Field.Phone ?><?cs
set:Form.document_number.Label = Lang.Book.Field.Document ?><?cs
call:form_summary() ?><?cs
call:hidden_csrf() ?><?cs
include:"appointments/book_state.cs" ?>
<p><?cs var:Lang.Book.Details.Intro ?></p><?cs
call:field_text("family_name", Lang.Book.Field.FamilyName, "text", 1) ?><?cs
call:field_text("given_names", Lang.Book.Field.GivenNames, "text", 1) ?>
<div class="field<?cs if:Form.phone.Error ?> has-error<?cs /if ?>"><?cs
call:field_label("phone", Lang.Book.Field.Phone, 1) ?>
<p class="hint" id="h-phone"><?cs var:Lang.Book.Details.PhoneHint ?> <span dir="ltr">+<?cs var:Book.Site.PhoneCode ?></span></p>
<input type="tel" autocomplete="tel" dir="ltr" id="f-phone" name="phone" aria-required="true" aria-describedby="h-phone<?cs if:Form.phone.Error ?> e-phone<?cs /if ?>"<?cs
  if:Form.phone.Error ?> aria-invalid="true"<?cs /if ?> value="<?cs var:Form.phone.Value ?>">
</div><?cs
if:Book.Service.NeedsDocument ?>
<div class="field<?cs if:Form.document_number.Error ?> has-error<?cs /if ?>"><?cs
call:field_label("document_number", Lang.Book.Field.Document, 1) ?>
<p class="hint" id="h-document_number"><?cs var:Lang.Book.Details.DocumentHint ?></p>
<input type="text" dir="ltr" id="f-document_number" name="document_number" aria-required="true" aria-describedby="h-document_number<?cs if:Form.document_number.Error ?> e-document_number<?cs /if ?>"<?cs
  if:Form.document_number.Error ?> aria-invalid="true"<?cs /if ?> value="<?cs var:Form.document_number.Value ?>">
</div><?cs
/if ?><?cs
call:field_select("language", Lang.Book.Field.Language, Book.LangOptions, 1) ?><?cs
call:submit(Lang.Book.Details.Submit) ?>
</form>
<p><a href="/book/slot?site=<?cs var:Book.Site.Id ?>&amp;service=<?cs var:Book.Service.Id ?>&amp;level=<?cs var:Book.Level.Id ?>&amp;day=<?cs var:Book.Slot.Day ?>"><?cs var:Lang.Book.Back ?></a></p><?cs
include:"appointments/book_footer.cs" ?>
