<?cs # book_manage.cs: GET /book/manage and the 422/429 of POST
  /book/manage: find a booking with its reference and the phone number
  given when booking. A wrong phone and an unknown reference get the
  same message (Book.Manage.NotFound). Reads Form.{ref,phone}.*,
  Book.Error (a language key), Book.RetryAt. ?><?cs
include:"appointments/book_header.cs" ?>
<h1><?cs var:Lang.Book.Manage.Title ?></h1><?cs
if:Book.Error ?>
<p class="flash flash-error" role="alert"><?cs call:msg(Book.Error) ?><?cs
  if:Book.RetryAt ?> <strong dir="ltr"><?cs var:Book.RetryAt ?></strong><?cs /if ?></p><?cs
/if ?>
<form method="post" action="/book/manage" class="form" novalidate><?cs
set:Form.ref.Label = Lang.Book.Field.Reference ?><?cs
set:Form.phone.Label = Lang.Book.Field.Phone ?><?cs
call:form_summary() ?><?cs
call:hidden_csrf() ?>
<p><?cs var:Lang.Book.Manage.Intro ?></p>
<div class="field<?cs if:Form.ref.Error ?> has-error<?cs /if ?>"><?cs
call:field_label("ref", Lang.Book.Field.Reference, 1) ?>
<p class="hint" id="h-ref"><?cs var:Lang.Book.Manage.ReferenceHint ?></p>
<input type="text" dir="ltr" autocapitalize="characters" id="f-ref" name="ref" aria-required="true" aria-describedby="h-ref<?cs if:Form.ref.Error ?> e-ref<?cs /if ?>"<?cs
  if:Form.ref.Error ?> aria-invalid="true"<?cs /if ?> value="<?cs var:Form.ref.Value ?>">
</div>
<div class="field<?cs if:Form.phone.Error ?> has-error<?cs /if ?>"><?cs
call:field_label("phone", Lang.Book.Field.Phone, 1) ?>
<input type="tel" dir="ltr" autocomplete="tel"<?cs call:field_attrs("phone", 1) ?> value="<?cs var:Form.phone.Value ?>">
</div><?cs
call:submit(Lang.Book.Manage.Submit) ?>
</form><?cs
include:"appointments/book_footer.cs" ?>
