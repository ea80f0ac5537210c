<?cs # book_calendar.cs: step 4, GET /book/day (and the reschedule's
  GET /book/manage/{ref}/day): a month calendar rendered on the server,
  Monday first. Reads Book.Cal.{Title,Prev,Next} (months YYYY-MM, unset
  at the ends of the booking horizon), Book.MonthHref and Book.DayHref
  (local URLs ending in "month=" and "day="), Book.Cal.Weeks.N.Days.M.
  {Num,Date,State,Seats} (State: open, full, closed, past or empty for
  the days of the next and previous months), Book.Problem (a language
  key), Book.Cal.Empty, Book.BackHref. ?><?cs
include:"appointments/book_header.cs" ?>
<h1><?cs if:Book.Move ?><?cs var:Lang.Book.Manage.MoveTitle ?><?cs else ?><?cs var:Lang.Book.Day.Title ?><?cs /if ?></h1><?cs
include:"appointments/book_chosen.cs" ?><?cs
if:Book.Problem ?>
<p class="flash flash-error" role="alert"><?cs call:msg(Book.Problem) ?></p><?cs
/if ?>
<nav class="months" aria-label="<?cs var:Lang.Book.Day.Months ?>"><?cs
if:Book.Cal.Prev ?>
<a rel="prev" href="<?cs var:url_validate(Book.MonthHref) ?><?cs var:Book.Cal.Prev ?>"><?cs var:Lang.Book.Day.Prev ?></a><?cs
/if ?><?cs
if:Book.Cal.Next ?>
<a rel="next" href="<?cs var:url_validate(Book.MonthHref) ?><?cs var:Book.Cal.Next ?>"><?cs var:Lang.Book.Day.Next ?></a><?cs
/if ?>
</nav>
<table class="cal">
<caption><?cs var:Book.Cal.Title ?></caption>
<thead><tr><?cs
loop:i = 1, 7, 1 ?><th scope="col"><abbr title="<?cs var:Lang.Book.Weekdays[i] ?>"><?cs var:Lang.Book.WeekdaysShort[i] ?></abbr></th><?cs
/loop ?></tr></thead>
<tbody><?cs
each:w = Book.Cal.Weeks ?>
<tr><?cs
  each:d = w.Days ?><?cs
    if:d.State == "open" ?><td class="open"><a href="<?cs var:url_validate(Book.DayHref) ?><?cs var:d.Date ?>"><span class="n"><?cs var:d.Num ?></span> <span class="st"><?cs var:d.Seats ?> <?cs var:Lang.Book.Day.Free[d.Plural] ?></span></a></td><?cs
    elif:d.State == "full" ?><td class="full"><span class="n"><?cs var:d.Num ?></span> <span class="st"><?cs var:Lang.Book.Day.Full ?></span></td><?cs
    elif:d.State == "closed" ?><td class="closed"><span class="n"><?cs var:d.Num ?></span> <span class="st"><?cs var:Lang.Book.Day.Closed ?></span></td><?cs
    elif:d.State == "past" ?><td class="past"><span class="n"><?cs var:d.Num ?></span></td><?cs
    else ?><td></td><?cs
    /if ?><?cs
  /each ?></tr><?cs
/each ?>
</tbody>
</table><?cs
if:Book.Cal.Empty ?>
<p class="flash"><?cs var:Lang.Book.Day.NoneThisMonth ?></p><?cs
/if ?>
<p class="legend"><?cs var:Lang.Book.Day.Legend ?></p>
<p><a href="<?cs var:url_validate(Book.BackHref) ?>"><?cs var:Lang.Book.Back ?></a></p><?cs
include:"appointments/book_footer.cs" ?>
