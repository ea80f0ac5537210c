<?cs # status_footer.cs: closes <main> and the page of the applicant's
  status pages: layout/public_footer.cs, after status_header.cs. ?><?cs
set:Public.StartAgain = Lang.Status.StartAgain ?><?cs
include:"layout/public_footer.cs" ?>
