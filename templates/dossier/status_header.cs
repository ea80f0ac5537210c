<?cs # status_header.cs: the top of the applicant's status pages (/status
  on the public vhost), up to the opening of <main>:
  layout/public_header.cs with the status site's name, not indexed, its
  language links keeping the page (Status.LangHref, a local URL ending
  in "lang="), then the page's own error (Status.Error, with
  Status.RetryAt when a throttle says when to try again). Reads what
  layout/public_header.cs reads. ?><?cs
set:Public.Home = Lang.Status.Home ?><?cs
set:Public.HomeHref = "/status" ?><?cs
set:Public.NoIndex = 1 ?><?cs
set:Public.LangHref = Status.LangHref ?><?cs
include:"layout/public_header.cs" ?><?cs
if:Status.Error ?>
<p class="flash flash-error" role="alert"><?cs call:msg(Status.Error) ?><?cs
  if:Status.RetryAt ?> <strong dir="ltr"><?cs var:Status.RetryAt ?></strong><?cs /if ?></p><?cs
/if ?>
