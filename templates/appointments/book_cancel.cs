<?cs # book_cancel.cs: GET /book/manage/{ref}/cancel, and the first
  POST to it (without confirm=1): the question before a cancellation,
  saying what will happen: the appointment's date, time and office; its
  place freed for someone else; an SMS sent; no way back. "Yes, cancel"
  posts confirm=1; "Keep it" goes back to the booking. Nothing has
  changed yet. Reads Book.Appt.*, Book.CancelAction, Book.BackHref. ?><?cs
include:"appointments/book_header.cs" ?>
<h1><?cs var:Lang.Book.Cancel.Title ?></h1>
<p><?cs var:Lang.Book.Cancel.Intro ?></p>
<dl class="chosen">
<div><dt><?cs var:Lang.Book.Field.Reference ?></dt><dd><span dir="ltr"><?cs var:Book.Appt.Ref ?></span></dd></div>
<div><dt><?cs var:Lang.Book.Field.Date ?></dt><dd><?cs var:Book.Appt.Date ?></dd></div>
<div><dt><?cs var:Lang.Book.Field.Time ?></dt><dd><span dir="ltr"><?cs var:Book.Appt.Time ?></span> <span class="sub">(<?cs var:Lang.Book.Done.LocalTime ?>)</span></dd></div>
<div><dt><?cs var:Lang.Book.Field.Site ?></dt><dd><bdi><?cs var:Book.Appt.SiteName ?></bdi><?cs
if:Book.Appt.Address ?><br><bdi><?cs var:Book.Appt.Address ?></bdi><?cs /if ?></dd></div>
<div><dt><?cs var:Lang.Book.Field.Service ?></dt><dd><bdi><?cs var:Book.Appt.Service ?></bdi></dd></div>
</dl>
<h2><?cs var:Lang.Book.Cancel.What ?></h2>
<ul class="next-steps">
<li><?cs var:Lang.Book.Cancel.Freed ?></li>
<li><?cs var:Lang.Book.Cancel.Sms ?></li>
<li><?cs var:Lang.Book.Cancel.Final ?></li>
</ul>
<form method="post" action="<?cs var:url_validate(Book.CancelAction) ?>" class="form"><?cs
call:hidden_csrf() ?>
<input type="hidden" name="confirm" value="1">
<div class="actions"><button type="submit" class="btn btn-danger"><?cs var:Lang.Book.Cancel.Yes ?></button>
<a class="btn" href="<?cs var:url_validate(Book.BackHref) ?>"><?cs var:Lang.Book.Cancel.Keep ?></a></div>
</form><?cs
include:"appointments/book_footer.cs" ?>
