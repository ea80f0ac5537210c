<?cs # book_full.cs: the 409 of POST /book/confirm when the chosen time
  filled up meanwhile (or has just passed): the applicant's details are
  kept in hidden fields and the nearest free times of the same office,
  service and level are offered, one button each, to book at once.
  Reads Book.*, Form.*, Book.Problem, Book.Alternatives.N.{Id,Date,
  Time,Remaining}. ?><?cs
include:"appointments/book_header.cs" ?>
<h1><?cs var:Lang.Book.Full.Title ?></h1>
<p class="flash flash-error" role="alert"><?cs call:msg(Book.Problem) ?></p><?cs
set:Book.NoSlot = 1 ?><?cs
include:"appointments/book_chosen.cs" ?>
<dl class="chosen">
<div><dt><?cs var:Lang.Book.Field.Name ?></dt><dd><?cs var:Form.family_name.Value ?>, <?cs var:Form.given_names.Value ?></dd></div>
<div><dt><?cs var:Lang.Book.Field.Phone ?></dt><dd dir="ltr"><?cs var:Form.phone.Value ?></dd></div>
</dl><?cs
if:subcount(Book.Alternatives) > 0 ?>
<form method="post" action="/book/confirm" class="form"><?cs
call:hidden_csrf() ?><?cs
include:"appointments/book_state.cs" ?><?cs
include:"appointments/book_person.cs" ?>
<h2><?cs var:Lang.Book.Full.Legend ?></h2>
<ul class="slots alternatives"><?cs
  each:a = Book.Alternatives ?>
<li><button type="submit" name="slot" value="<?cs var:a.Id ?>" class="slot"><span class="t"><?cs var:a.Date ?>, <span dir="ltr"><?cs var:a.Time ?></span></span> <span class="st"><?cs call:count(a.Remaining, Lang.Book.Slot.Left, a.Plural) ?></span></button></li><?cs
  /each ?>
</ul>
</form><?cs
else ?>
<p><?cs var:Lang.Book.Full.None ?></p><?cs
/if ?>
<p><a href="/book/day?site=<?cs var:Book.Site.Id ?>&amp;service=<?cs var:Book.Service.Id ?>&amp;level=<?cs var:Book.Level.Id ?>"><?cs var:Lang.Book.Slot.OtherDay ?></a></p><?cs
include:"appointments/book_footer.cs" ?>
