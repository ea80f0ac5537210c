<?cs # book_sites.cs: step 1 of the booking, GET /book: the offices.
  Reads Book.Sites.N.{Id,Name,Address}, Book.SiteSearch (a long list:
  offer the search), Book.Q, Book.NoMatch, Book.Pager.{Prev,Next,Page,
  Pages}. ?><?cs
include:"appointments/book_header.cs" ?>
<h1><?cs var:Lang.Book.Site.Title ?></h1>
<p><?cs var:Lang.Book.Intro ?></p><?cs
if:Book.SiteSearch ?>
<form method="get" action="/book" class="site-search" role="search">
<label for="f-q"><?cs var:Lang.Book.Site.Search ?></label>
<input type="search" id="f-q" name="q" value="<?cs var:Book.Q ?>" maxlength="100" dir="auto">
<button type="submit"><?cs var:Lang.Book.Site.SearchButton ?></button>
</form><?cs
/if ?><?cs
if:Book.NoMatch ?>
<p class="flash"><?cs var:Lang.Book.Site.NoMatch ?> <a href="/book"><?cs var:Lang.Book.Site.All ?></a></p><?cs
elif:subcount(Book.Sites) > 0 ?>
<ul class="choices"><?cs
  each:s = Book.Sites ?>
<li><a href="/book/service?site=<?cs var:s.Id ?>"><strong><bdi><?cs var:s.Name ?></bdi></strong><?cs
    if:s.Address ?><bdi class="sub"><?cs var:s.Address ?></bdi><?cs /if ?></a></li><?cs
  /each ?>
</ul><?cs
  if:Book.Pager.Pages > 1 ?>
<nav class="pager" aria-label="<?cs var:Lang.Pager.Label ?>"><ul><?cs
    if:Book.Pager.Prev ?>
<li><a rel="prev" href="<?cs var:url_validate(Book.Pager.Prev) ?>"><?cs var:Lang.Pager.Previous ?></a></li><?cs /if ?>
<li><span aria-current="page"><?cs var:Book.Pager.Page ?> / <?cs var:Book.Pager.Pages ?></span></li><?cs
    if:Book.Pager.Next ?>
<li><a rel="next" href="<?cs var:url_validate(Book.Pager.Next) ?>"><?cs var:Lang.Pager.Next ?></a></li><?cs /if ?>
</ul></nav><?cs
  /if ?><?cs
else ?>
<p class="flash"><?cs var:Lang.Book.Site.None ?></p><?cs
/if ?>
<p><?cs var:Lang.Book.Manage.Already ?> <a href="/book/manage"><?cs var:Lang.Book.Manage.Link ?></a></p><?cs
include:"appointments/book_footer.cs" ?>
