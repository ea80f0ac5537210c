<?cs # verify_footer.cs: closes <main> and the page of the public pages of
  issued documents: layout/public_footer.cs, after verify_header.cs. ?><?cs
set:Public.StartAgain = Lang.Verify.StartAgain ?><?cs
include:"layout/public_footer.cs" ?>
