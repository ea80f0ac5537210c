<?cs # book_header.cs: the top of every page of the applicants' site
  (/book on the public vhost), up to the opening of <main>:
  layout/public_header.cs with the booking site's name, its manage link
  and its step, its language links keeping the booking's state
  (Book.LangHref, a local URL ending in "lang="). Reads Book.Step (1..7,
  or unset) and what layout/public_header.cs reads. No script. ?><?cs
set:Public.Home = Lang.Book.Home ?><?cs
set:Public.HomeHref = "/book" ?><?cs
set:Public.Manage = Lang.Book.Manage.Link ?><?cs
set:Public.ManageHref = "/book/manage" ?><?cs
set:Public.LangHref = Book.LangHref ?><?cs
set:Public.Step = Book.Step ?><?cs
include:"layout/public_header.cs" ?>
