<?cs # book_slots.cs: step 5, GET /book/slot (and the reschedule's
  GET /book/manage/{ref}/slot, and its 409 when the time was just
  taken): the times of one day with the places left. Reads
  Book.Day.Date (shown), Book.Slots.N.{Id,Time,Remaining,State} (open,
  full or past), Book.SlotHref (booking: a local URL ending in
  "slot="), Book.Move and Book.MoveAction (reschedule: one form, a
  button per time; the booking's own time Book.Appt.{Day,Time} is
  shown, not offered), Book.Problem, Book.BackHref. ?><?cs
include:"appointments/book_header.cs" ?>
<h1><?cs if:Book.Move ?><?cs var:Lang.Book.Manage.MoveTitle ?><?cs else ?><?cs var:Lang.Book.Slot.Title ?><?cs /if ?></h1><?cs
include:"appointments/book_chosen.cs" ?><?cs
if:Book.Problem ?>
<p class="flash flash-error" role="alert"><?cs call:msg(Book.Problem) ?></p><?cs
/if ?>
<h2><?cs var:Book.Day.Date ?> <span class="sub">(<?cs var:Lang.Book.Done.LocalTime ?>)</span></h2><?cs
if:Book.Open > 0 ?><?cs
  if:Book.Move ?>
<form method="post" action="<?cs var:url_validate(Book.MoveAction) ?>" class="slots-form"><?cs call:hidden_csrf() ?>
<p><?cs var:Lang.Book.Manage.MoveIntro ?></p><?cs
  /if ?>
<ul class="slots"><?cs
  # Book.Move is tested once, not at every time of the day: the two
  # loops differ only in how an open time is offered. ?><?cs
  if:Book.Move ?><?cs
    each:s = Book.Slots ?><?cs
      if:s.Time == Book.Appt.Time && Book.Day.Day == Book.Appt.Day ?>
<li><span class="slot off"><span class="t" dir="ltr"><?cs var:s.Time ?></span> <span class="st"><?cs var:Lang.Book.MoveAsk.Yours ?></span></span></li><?cs
      elif:s.State == "open" ?>
<li><button type="submit" name="slot" value="<?cs var:s.Id ?>" class="slot"><span class="t" dir="ltr"><?cs var:s.Time ?></span> <span class="st"><?cs call:count(s.Remaining, Lang.Book.Slot.Left, s.Plural) ?></span></button></li><?cs
      elif:s.State == "full" ?>
<li><span class="slot off"><span class="t" dir="ltr"><?cs var:s.Time ?></span> <span class="st"><?cs var:Lang.Book.Slot.Full ?></span></span></li><?cs
      else ?>
<li><span class="slot off"><span class="t" dir="ltr"><?cs var:s.Time ?></span> <span class="st"><?cs var:Lang.Book.Slot.Past ?></span></span></li><?cs
      /if ?><?cs
    /each ?><?cs
  else ?><?cs
    each:s = Book.Slots ?><?cs
      if:s.State == "open" ?>
<li><a class="slot" href="<?cs var:url_validate(Book.SlotHref) ?><?cs var:s.Id ?>"><span class="t" dir="ltr"><?cs var:s.Time ?></span> <span class="st"><?cs call:count(s.Remaining, Lang.Book.Slot.Left, s.Plural) ?></span></a></li><?cs
      elif:s.State == "full" ?>
<li><span class="slot off"><span class="t" dir="ltr"><?cs var:s.Time ?></span> <span class="st"><?cs var:Lang.Book.Slot.Full ?></span></span></li><?cs
      else ?>
<li><span class="slot off"><span class="t" dir="ltr"><?cs var:s.Time ?></span> <span class="st"><?cs var:Lang.Book.Slot.Past ?></span></span></li><?cs
      /if ?><?cs
    /each ?><?cs
  /if ?>
</ul><?cs
  if:Book.Move ?>
</form><?cs
  /if ?><?cs
else ?>
<p class="flash"><?cs var:Lang.Book.Slot.None ?></p><?cs
/if ?>
<p><a href="<?cs var:url_validate(Book.BackHref) ?>"><?cs var:Lang.Book.Slot.OtherDay ?></a></p><?cs
include:"appointments/book_footer.cs" ?>
