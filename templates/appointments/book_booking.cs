<?cs # book_booking.cs: GET /book/manage/{ref}: one booking, shown to
  whoever proved the phone number (cookie set by the confirmation or by
  POST /book/manage). The confirmation page too: the reference as
  XXXX-XXXX with its QR code (inline SVG), the date and time in the
  office's zone, said as the office's local time (never the zone's id),
  the address, the documents to
  bring; printable (book.css @media print). A cancelled, missed or
  finished appointment shows neither QR code nor documents (only
  Book.Appt.Ticket does). Cancel asks first (book_cancel.cs). Reads
  Book.Appt.*,
  Book.Docs.N.Line, Book.Qr.{Size,Path}. ?><?cs
include:"appointments/book_header.cs" ?>
<h1><?cs var:Lang.Book.Done.Title ?></h1><?cs
if:Book.Appt.Active ?>
<p><?cs var:Lang.Book.Done.Keep ?></p><?cs
else ?>
<p class="flash flash-error"><?cs var:Lang.Book.Done.Inactive ?></p><?cs
/if ?>
<div class="ticket">
<div class="ref">
<p><?cs var:Lang.Book.Field.Reference ?></p>
<p class="code" dir="ltr"><?cs var:Book.Appt.Ref ?></p>
</div><?cs
if:Book.Appt.Ticket && Book.Qr.Path ?>
<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 <?cs var:Book.Qr.Size ?> <?cs var:Book.Qr.Size ?>" role="img" aria-labelledby="qr-title"><title id="qr-title"><?cs var:Lang.Book.Done.QrLabel ?> <?cs var:Book.Appt.Ref ?></title><rect width="100%" height="100%" fill="#fff"/><path fill="#000" d="<?cs var:Book.Qr.Path ?>"/></svg><?cs
/if ?>
</div>
<dl class="chosen">
<div><dt><?cs var:Lang.Book.Field.Status ?></dt><dd><?cs var:Book.Appt.StatusLabel ?></dd></div>
<div><dt><?cs var:Lang.Book.Field.Date ?></dt><dd><?cs var:Book.Appt.Date ?></dd></div>
<div><dt><?cs var:Lang.Book.Field.Time ?></dt><dd><span dir="ltr"><?cs var:Book.Appt.Time ?></span> <span class="sub">(<?cs var:Lang.Book.Done.LocalTime ?>)</span></dd></div>
<div><dt><?cs var:Lang.Book.Field.Site ?></dt><dd><bdi><?cs var:Book.Appt.SiteName ?></bdi><?cs
if:Book.Appt.Address ?><br><bdi><?cs var:Book.Appt.Address ?></bdi><?cs /if ?></dd></div>
<div><dt><?cs var:Lang.Book.Field.Service ?></dt><dd><bdi><?cs var:Book.Appt.Service ?></bdi></dd></div>
<div><dt><?cs var:Lang.Book.Field.Level ?></dt><dd><?cs var:Book.Appt.Level ?></dd></div>
<div><dt><?cs var:Lang.Book.Field.Name ?></dt><dd><bdi><?cs var:Book.Appt.Name ?></bdi></dd></div>
</dl>
<?cs
if:Book.Appt.Ticket ?>
<h2><?cs var:Lang.Book.Done.Bring ?></h2><?cs
 if:subcount(Book.Docs) > 0 ?>
<ul class="docs"><?cs
  each:d = Book.Docs ?>
<li><?cs var:d.Line ?></li><?cs
  /each ?>
</ul><?cs
else ?>
<p><?cs var:Lang.Book.Done.NoDocuments ?></p><?cs
 /if ?>
<p class="no-print"><?cs var:Lang.Book.Done.Print ?></p><?cs
/if ?><?cs
if:Book.Appt.Active ?>
<div class="no-print">
<h2><?cs var:Lang.Book.Manage.Change ?></h2>
<p><a class="btn" href="/book/manage/<?cs var:Book.Appt.RefRaw ?>/day"><?cs var:Lang.Book.Manage.Move ?></a></p>
<form method="post" action="/book/manage/<?cs var:Book.Appt.RefRaw ?>/cancel" class="form"><?cs
call:hidden_csrf() ?>
<p><?cs var:Lang.Book.Manage.CancelWarn ?></p>
<div class="actions"><button type="submit" class="btn btn-danger"><?cs var:Lang.Book.Manage.Cancel ?></button></div>
</form>
</div><?cs
/if ?><?cs
include:"appointments/book_footer.cs" ?>
