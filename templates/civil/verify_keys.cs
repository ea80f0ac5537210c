<?cs # verify_keys.cs: GET /verify/keys: the office's published public keys
  (Verify.Keys.N.{Id, From, Until, Key}; Until unset while a key is in
  use), the link to the key file (/verify/keys.txt) and how to verify
  offline. ?><?cs
include:"civil/verify_header.cs" ?>
<h1><?cs var:Lang.Verify.Keys.Title ?></h1>
<p><?cs var:Lang.Verify.Keys.Intro ?></p>
<p><a href="/verify/keys.txt" download="havre-keys.txt"><?cs var:Lang.Verify.Keys.File ?></a></p><?cs
if:subcount(Verify.Keys) > 0 ?>
<h2><?cs var:Lang.Verify.Keys.Caption ?></h2><?cs
  each:k = Verify.Keys ?>
<dl class="facts signing-key">
<dt><?cs var:Lang.Verify.Keys.Id ?></dt><dd><span dir="ltr"><?cs var:k.Id ?></span></dd>
<dt><?cs var:Lang.Verify.Keys.From ?></dt><dd><span dir="ltr"><?cs var:k.From ?></span></dd>
<dt><?cs var:Lang.Verify.Keys.Until ?></dt><dd><?cs
    if:k.Until ?><span dir="ltr"><?cs var:k.Until ?></span><?cs else ?><?cs var:Lang.Verify.Keys.InUse ?><?cs /if ?></dd>
<dt><?cs var:Lang.Verify.Keys.Key ?></dt><dd dir="ltr"><code class="key"><?cs var:k.Key ?></code></dd>
</dl><?cs
  /each ?><?cs
else ?>
<p><?cs var:Lang.Verify.Keys.None ?></p><?cs
/if ?>
<p><?cs var:Lang.Verify.Keys.Offline ?></p><?cs
include:"civil/verify_footer.cs" ?>
