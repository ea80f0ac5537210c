<?cs # book_move.cs: the first POST of /book/manage/{ref}/move (without
  confirm=1): the question before a move, "from" the current day and
  time "to" the chosen ones, saying what will happen (the current place
  freed, an SMS with the new time). "Yes, move it" posts the slot again
  with confirm=1; "Choose another time" goes back to the day's times;
  "Keep my current time" to the booking. Nothing has changed yet. Reads
  Book.Appt.*, Book.Slot.{Id,Date,Time}, Book.MoveAction,
  Book.OtherTimeHref, Book.BackHref. ?><?cs
include:"appointments/book_header.cs" ?>
<h1><?cs var:Lang.Book.MoveAsk.Title ?></h1>
<p><?cs var:Lang.Book.MoveAsk.Intro ?></p>
<dl class="chosen">
<div><dt><?cs var:Lang.Book.MoveAsk.From ?></dt><dd><del><?cs var:Book.Appt.Date ?>, <span dir="ltr"><?cs var:Book.Appt.Time ?></span></del></dd></div>
<div><dt><?cs var:Lang.Book.MoveAsk.To ?></dt><dd><strong><?cs var:Book.Slot.Date ?>, <span dir="ltr"><?cs var:Book.Slot.Time ?></span></strong> <span class="sub">(<?cs var:Lang.Book.Done.LocalTime ?>)</span></dd></div>
<div><dt><?cs var:Lang.Book.Field.Site ?></dt><dd><bdi><?cs var:Book.Appt.SiteName ?></bdi><?cs
if:Book.Appt.Address ?><br><bdi><?cs var:Book.Appt.Address ?></bdi><?cs /if ?></dd></div>
<div><dt><?cs var:Lang.Book.Field.Service ?></dt><dd><bdi><?cs var:Book.Appt.Service ?></bdi></dd></div>
</dl>
<h2><?cs var:Lang.Book.Cancel.What ?></h2>
<ul class="next-steps">
<li><?cs var:Lang.Book.MoveAsk.Freed ?></li>
<li><?cs var:Lang.Book.MoveAsk.Sms ?></li>
</ul>
<form method="post" action="<?cs var:url_validate(Book.MoveAction) ?>" class="form"><?cs
call:hidden_csrf() ?>
<input type="hidden" name="slot" value="<?cs var:Book.Slot.Id ?>">
<input type="hidden" name="confirm" value="1">
<div class="actions"><button type="submit" class="btn"><?cs var:Lang.Book.MoveAsk.Yes ?></button></div>
</form>
<ul class="next-steps">
<li><a href="<?cs var:url_validate(Book.OtherTimeHref) ?>"><?cs var:Lang.Book.MoveAsk.Other ?></a></li>
<li><a href="<?cs var:url_validate(Book.BackHref) ?>"><?cs var:Lang.Book.MoveAsk.Keep ?></a></li>
</ul><?cs
include:"appointments/book_footer.cs" ?>
