<?cs # book_problem.cs: a refusal that explains itself (one active
  appointment per person and service, the phone's limit, too many
  bookings from one connection, a choice that does not exist or has
  passed, an unknown reference). Reads Book.ProblemTitle and
  Book.Problem (language keys), Book.RetryAt (a local time, when
  throttled), Book.Manage (1: link to manage a booking), Book.BackHref. ?><?cs
include:"appointments/book_header.cs" ?>
<h1><?cs call:msg(Book.ProblemTitle) ?></h1>
<p class="flash flash-error" role="alert"><?cs call:msg(Book.Problem) ?></p><?cs
if:Book.RetryAt ?>
<p><?cs var:Lang.Book.Refused.RetryAfter ?> <strong dir="ltr"><?cs var:Book.RetryAt ?></strong>.</p><?cs
/if ?>
<ul class="next-steps"><?cs
if:Book.Manage ?>
<li><a href="/book/manage"><?cs var:Lang.Book.Manage.Link ?></a></li><?cs
/if ?><?cs
if:Book.BackHref ?>
<li><a href="<?cs var:url_validate(Book.BackHref) ?>"><?cs var:Lang.Book.Back ?></a></li><?cs
/if ?>
<li><a href="/book"><?cs var:Lang.Book.StartAgain ?></a></li>
</ul><?cs
include:"appointments/book_footer.cs" ?>
