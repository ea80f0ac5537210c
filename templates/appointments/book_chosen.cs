<?cs # book_chosen.cs: the choices made so far, included by the later
  steps. Reads Book.Site.{Name,Address}, Book.Service.Name,
  Book.Level.Name, Book.Slot.{Date,Time} (the office's local time),
  Book.Query* links to
  change a choice; on the reschedule's pages (Book.Move), the current
  day and time Book.Appt.{Date,Time}. ?>
<dl class="chosen"><?cs
if:Book.Move && Book.Appt.Date ?>
<div><dt><?cs var:Lang.Book.MoveAsk.Current ?></dt><dd><strong><?cs var:Book.Appt.Date ?>, <span dir="ltr"><?cs var:Book.Appt.Time ?></span></strong></dd></div><?cs
/if ?><?cs
if:Book.Site.Name ?>
<div><dt><?cs var:Lang.Book.Field.Site ?></dt><dd><bdi><?cs var:Book.Site.Name ?></bdi><?cs
  if:Book.Site.Address ?><br><bdi class="sub"><?cs var:Book.Site.Address ?></bdi><?cs /if ?></dd></div><?cs
/if ?><?cs
if:Book.Service.Name ?>
<div><dt><?cs var:Lang.Book.Field.Service ?></dt><dd><bdi><?cs var:Book.Service.Name ?></bdi></dd></div><?cs
/if ?><?cs
if:Book.Level.Name ?>
<div><dt><?cs var:Lang.Book.Field.Level ?></dt><dd><?cs var:Book.Level.Name ?></dd></div><?cs
/if ?><?cs
if:Book.Slot.Date ?>
<div><dt><?cs var:Lang.Book.Field.Date ?></dt><dd><?cs var:Book.Slot.Date ?></dd></div>
<div><dt><?cs var:Lang.Book.Field.Time ?></dt><dd><?cs var:Book.Slot.Time ?> <span class="sub">(<?cs var:Lang.Book.Done.LocalTime ?>)</span></dd></div><?cs
/if ?>
</dl>
