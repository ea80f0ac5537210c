<?cs # book_services.cs: step 2, GET /book/service?site=: the services
  offered on the web at this office. Reads Book.Site.*,
  Book.Services.N.{Id,Name,NeedsDocument}. ?><?cs
include:"appointments/book_header.cs" ?>
<h1><?cs var:Lang.Book.Service.Title ?></h1><?cs
include:"appointments/book_chosen.cs" ?><?cs
if:subcount(Book.Services) > 0 ?>
<ul class="choices"><?cs
  each:s = Book.Services ?>
<li><a href="/book/level?site=<?cs var:Book.Site.Id ?>&amp;service=<?cs var:s.Id ?>"><strong><?cs var:s.Name ?></strong><?cs
    if:s.NeedsDocument ?><span class="sub"><?cs var:Lang.Book.Service.NeedsDocument ?></span><?cs /if ?></a></li><?cs
  /each ?>
</ul><?cs
else ?>
<p class="flash"><?cs var:Lang.Book.Service.None ?></p><?cs
/if ?>
<p><a href="/book"><?cs var:Lang.Book.Back ?></a></p><?cs
include:"appointments/book_footer.cs" ?>
