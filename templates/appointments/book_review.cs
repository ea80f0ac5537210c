<?cs # book_review.cs: step 7, the 200 of POST /book/review: everything
  chosen and typed, to check, then confirm (POST /book/confirm) or go
  back to change the details (POST /book/edit: the details form again,
  with the values typed). Reads
  Book.*, Form.*, Book.Person.{Phone,LanguageLabel}. ?><?cs
include:"appointments/book_header.cs" ?>
<h1><?cs var:Lang.Book.Review.Title ?></h1>
<p><?cs var:Lang.Book.Review.Intro ?></p><?cs
include:"appointments/book_chosen.cs" ?>
<dl class="chosen">
<div><dt><?cs var:Lang.Book.Field.Name ?></dt><dd><bdi><?cs var:Form.family_name.Value ?></bdi><?cs var:Lang.Form.Comma ?> <bdi><?cs var:Form.given_names.Value ?></bdi></dd></div>
<div><dt><?cs var:Lang.Book.Field.Phone ?></dt><dd dir="ltr"><?cs var:Book.Person.Phone ?></dd></div><?cs
if:Book.Service.NeedsDocument ?>
<div><dt><?cs var:Lang.Book.Field.Document ?></dt><dd dir="ltr"><?cs var:Form.document_number.Value ?></dd></div><?cs
/if ?>
<div><dt><?cs var:Lang.Book.Field.Language ?></dt><dd><?cs var:Book.Person.LanguageLabel ?></dd></div>
</dl>
<form method="post" action="/book/confirm" class="form"><?cs
call:hidden_csrf() ?><?cs
include:"appointments/book_state.cs" ?><?cs
include:"appointments/book_person.cs" ?><?cs
call:submit(Lang.Book.Review.Confirm) ?>
</form>
<form method="post" action="/book/edit" class="form"><?cs
call:hidden_csrf() ?><?cs
include:"appointments/book_state.cs" ?><?cs
include:"appointments/book_person.cs" ?>
<div class="actions"><button type="submit" class="btn btn-secondary"><?cs var:Lang.Book.Review.Change ?></button></div>
</form><?cs
include:"appointments/book_footer.cs" ?>
