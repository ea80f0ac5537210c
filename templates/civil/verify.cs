<?cs # verify.cs: GET /verify (with ?serial= the verdict of the register's
  document), POST /verify (the verdict of a QR code's text) and their
  422. The verdict (Verify.Verdict: valid, expired, revoked,
  not_genuine; Verify.Why a language key for not_genuine;
  Verify.Serial) and, for a genuine document, only the minimum:
  Verify.Doc.{Type, Name, NameLatin, Birth, Issued, ValidUntil}. Then
  the two forms: the serial (GET) and the QR code's text (POST). Reads
  Form.{serial,payload}.*. ?><?cs
include:"civil/verify_header.cs" ?>
<h1><?cs var:Lang.Verify.Title ?></h1><?cs
set:Form.serial.Label = Lang.Verify.Serial ?><?cs
set:Form.payload.Label = Lang.Verify.Payload ?><?cs
call:form_summary() ?><?cs
if:Verify.Verdict ?>
<section aria-labelledby="verdict-h" class="verdict flash <?cs
  if:Verify.Verdict == "valid" ?>flash-success<?cs
  elif:Verify.Verdict == "expired" ?>flash-warning<?cs
  else ?>flash-error<?cs /if ?>" role="status">
<h2 id="verdict-h"><?cs var:Lang.Verify.Verdict[Verify.Verdict] ?></h2>
<p><?cs var:Lang.Verify.Explain[Verify.Verdict] ?><?cs
  if:Verify.Why ?> <?cs call:msg(Verify.Why) ?><?cs /if ?></p><?cs
  if:Verify.Serial ?>
<p><?cs var:Lang.Verify.Serial ?><?cs var:Lang.Form.Colon ?> <strong dir="ltr" class="ref"><?cs var:Verify.Serial ?></strong></p><?cs
  /if ?><?cs
  if:Verify.Doc.Type ?>
<dl class="facts">
<dt><?cs var:Lang.Verify.Doc.Type ?></dt><dd><?cs var:Verify.Doc.Type ?></dd><?cs
    if:Verify.Doc.Name ?>
<dt><?cs var:Lang.Verify.Doc.Name ?></dt><dd><bdi><?cs var:Verify.Doc.Name ?></bdi></dd><?cs
    /if ?><?cs
    if:Verify.Doc.NameLatin ?>
<dt><?cs var:Lang.Verify.Doc.NameLatin ?></dt><dd><bdi><?cs var:Verify.Doc.NameLatin ?></bdi></dd><?cs
    /if ?>
<dt><?cs var:Lang.Verify.Doc.Birth ?></dt><dd><?cs
    if:Verify.Doc.Birth ?><span dir="ltr"><?cs var:Verify.Doc.Birth ?></span><?cs else ?><?cs var:Lang.Verify.Doc.Unknown ?><?cs /if ?></dd>
<dt><?cs var:Lang.Verify.Doc.Issued ?></dt><dd><span dir="ltr"><?cs var:Verify.Doc.Issued ?></span></dd>
<dt><?cs var:Lang.Verify.Doc.ValidUntil ?></dt><dd><?cs
    if:Verify.Doc.ValidUntil ?><span dir="ltr"><?cs var:Verify.Doc.ValidUntil ?></span><?cs else ?><?cs var:Lang.Verify.Doc.NoEnd ?><?cs /if ?></dd>
</dl><?cs
  /if ?>
</section><?cs
/if ?>
<p><?cs var:Lang.Verify.Intro ?></p>
<form method="get" action="/verify" class="form" novalidate>
<div class="field<?cs if:Form.serial.Error ?> has-error<?cs /if ?>"><?cs
call:field_label("serial", Lang.Verify.Serial, 1) ?>
<p class="hint" id="h-serial"><?cs var:Lang.Verify.SerialHint ?></p>
<input type="text" dir="ltr" autocapitalize="characters" autocomplete="off" spellcheck="false" maxlength="40" id="f-serial" name="serial" aria-required="true" aria-describedby="h-serial<?cs if:Form.serial.Error ?> e-serial<?cs /if ?>"<?cs
  if:Form.serial.Error ?> aria-invalid="true"<?cs /if ?> value="<?cs var:Form.serial.Value ?>">
</div><?cs
call:submit(Lang.Verify.Check) ?>
</form>
<form method="post" action="/verify" class="form" novalidate><?cs
call:hidden_csrf() ?>
<div class="field<?cs if:Form.payload.Error ?> has-error<?cs /if ?>"><?cs
call:field_label("payload", Lang.Verify.Payload, 1) ?>
<p class="hint" id="h-payload"><?cs var:Lang.Verify.PayloadHint ?></p>
<textarea rows="4" dir="auto" spellcheck="false" id="f-payload" name="payload" aria-required="true" aria-describedby="h-payload<?cs if:Form.payload.Error ?> e-payload<?cs /if ?>"<?cs
  if:Form.payload.Error ?> aria-invalid="true"<?cs /if ?>></textarea>
</div><?cs
call:submit(Lang.Verify.CheckPayload) ?>
</form>
<p><a href="/verify/keys"><?cs var:Lang.Verify.KeysLink ?></a></p>
<p><a href="/verify/collect"><?cs var:Lang.Verify.CollectLink ?></a></p><?cs
include:"civil/verify_footer.cs" ?>
