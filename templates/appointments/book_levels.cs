<?cs # book_levels.cs: step 3, GET /book/level?site=&service=: the
  public service levels offered for this service on the web. Reads
  Book.Site.*, Book.Service.*, Book.Levels.N.{Id,Code,Name}. ?><?cs
include:"appointments/book_header.cs" ?>
<h1><?cs var:Lang.Book.Level.Title ?></h1><?cs
include:"appointments/book_chosen.cs" ?><?cs
if:subcount(Book.Levels) > 0 ?>
<ul class="choices"><?cs
  each:l = Book.Levels ?>
<li><a href="/book/day?site=<?cs var:Book.Site.Id ?>&amp;service=<?cs var:Book.Service.Id ?>&amp;level=<?cs var:l.Id ?>"><strong><?cs var:l.Name ?></strong><?cs
    if:Lang.Book.Level.Help[l.Code] ?><span class="sub"><?cs var:Lang.Book.Level.Help[l.Code] ?></span><?cs /if ?></a></li><?cs
  /each ?>
</ul><?cs
else ?>
<p class="flash"><?cs var:Lang.Book.Level.None ?></p><?cs
/if ?>
<p><a href="/book/service?site=<?cs var:Book.Site.Id ?>"><?cs var:Lang.Book.Back ?></a></p><?cs
include:"appointments/book_footer.cs" ?>
