<?cs # verify_header.cs: the top of the public pages of issued documents
  (/verify, /verify/keys, /verify/collect on the public vhost), up to the
  opening of <main>: layout/public_header.cs with the verification
  site's name, not indexed, its language links keeping the page
  (Verify.LangHref, a local URL ending in "lang="), then the page's own
  error (Verify.Error, a language key, with Verify.RetryAt when a
  throttle says when to try again). No script. ?><?cs
set:Public.Home = Lang.Verify.Home ?><?cs
set:Public.HomeHref = "/verify" ?><?cs
set:Public.NoIndex = 1 ?><?cs
set:Public.LangHref = Verify.LangHref ?><?cs
include:"layout/public_header.cs" ?><?cs
if:Verify.Error ?>
<p class="flash flash-error" role="alert"><?cs call:msg(Verify.Error) ?><?cs
  if:Verify.RetryAt ?> <strong dir="ltr"><?cs var:Verify.RetryAt ?></strong><?cs /if ?></p><?cs
/if ?>
