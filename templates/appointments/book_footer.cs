<?cs # book_footer.cs: closes <main> and the page of the applicants'
  site: layout/public_footer.cs, after book_header.cs. ?><?cs
set:Public.StartAgain = Lang.Book.StartAgain ?><?cs
include:"layout/public_footer.cs" ?>
