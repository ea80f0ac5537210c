<?cs # book_sites.cs: step 1 of the booking, GET /book: the offices.
  Reads Book.Sites.N.{Id,Name,Address}. ?><?cs
include:"appointments/book_header.cs" ?>
<h1><?cs var:Lang.Book.Site.Title ?></h1>
<p><?cs var:Lang.Book.Intro ?></p><?cs
if:subcount(Book.Sites) > 0 ?>
<ul class="choices"><?cs
  each:s = Book.Sites ?>
<li><a href="/book/service?site=<?cs var:s.Id ?>"><strong><bdi><?cs var:s.Name ?></bdi></strong><?cs
    if:s.Address ?><bdi class="sub"><?cs var:s.Address ?></bdi><?cs /if ?></a></li><?cs
  /each ?>
</ul><?cs
else ?>
<p class="flash"><?cs var:Lang.Book.Site.None ?></p><?cs
/if ?>
<p><?cs var:Lang.Book.Manage.Already ?> <a href="/book/manage"><?cs var:Lang.Book.Manage.Link ?></a></p><?cs
include:"appointments/book_footer.cs" ?>
