<?cs # document.cs: an issued document (GET /civil/documents/{doc}), and
  with Doc.Ask its revocation's question (GET and refused POST
  /civil/documents/{doc}/revoke): the reason, then "Revoke" or "Revoke
  and issue a new one"; a plain form, no script needed. Reads
  Doc.{Id, Serial, Type, TypeLabel, Issued, ValidUntil, Status,
  StatusLabel, Lang, Act, ActVersion, KeyId, HasPdf, IssuedBy, RevokedAt,
  RevokedBy, RevokeReason, ReplacedBy, ReplacedBySerial, Replaces,
  ReplacesSerial, Payload, Ask}, Person.{Id, Name, Latin}, Can.Issue,
  CivilDoc.Refused and Form.*. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Doc.TypeLabel ?> <span class="ref" dir="ltr"><?cs var:Doc.Serial ?></span></h1><?cs
if:CivilDoc.Refused ?>
<div class="flash flash-error" role="alert" id="issue-refused"><?cs call:msg(CivilDoc.Refused) ?></div><?cs
/if ?><?cs
set:Form.reason.Label = Lang.CivilDoc.RevokeReason ?><?cs
set:Form.phone.Label = Lang.CivilDoc.Offer.Phone ?><?cs
call:form_summary() ?>
<dl class="record">
<dt><?cs var:Lang.CivilDoc.StatusLabel ?></dt><dd id="doc-status" data-status="<?cs var:Doc.Status ?>"><?cs var:Doc.StatusLabel ?></dd>
<dt><?cs var:Lang.CivilDoc.Serial ?></dt><dd dir="ltr"><?cs var:Doc.Serial ?></dd>
<dt><?cs var:Lang.Civil.Person ?></dt><dd><a href="/civil/persons/<?cs var:Person.Id ?>/documents"><bdi><?cs var:Person.Name ?></bdi></a><?cs if:Person.Latin ?> <span class="latin" dir="ltr">(<?cs var:Person.Latin ?>)</span><?cs /if ?></dd><?cs
if:Doc.Act ?>
<dt><?cs var:Lang.CivilDoc.FromAct ?></dt><dd><a href="/civil/<?cs var:Doc.Act ?>/documents"><?cs var:Lang.Civil.Act.Number ?> <span dir="ltr"><?cs var:Doc.Act ?></span></a>, <?cs var:Lang.Civil.Act.VersionShort ?> <?cs var:Doc.ActVersion ?></dd><?cs
/if ?>
<dt><?cs var:Lang.CivilDoc.LangLabel ?></dt><dd><?cs var:Doc.Lang ?></dd>
<dt><?cs var:Lang.CivilDoc.Issued ?></dt><dd><span dir="ltr"><?cs var:Doc.Issued ?></span> (<?cs var:Doc.IssuedBy ?>)</dd>
<dt><?cs var:Lang.CivilDoc.ValidUntil ?></dt><dd dir="ltr"><?cs if:Doc.ValidUntil ?><?cs var:Doc.ValidUntil ?><?cs else ?>–<?cs /if ?></dd>
<dt><?cs var:Lang.CivilDoc.KeyId ?></dt><dd dir="ltr"><?cs var:Doc.KeyId ?></dd><?cs
if:Doc.RevokedAt ?>
<dt><?cs var:Lang.CivilDoc.RevokedAt ?></dt><dd><span dir="ltr"><?cs var:Doc.RevokedAt ?></span> (<?cs var:Doc.RevokedBy ?>)</dd>
<dt><?cs var:Lang.CivilDoc.RevokeReason ?></dt><dd id="revoke-reason"><?cs var:Doc.RevokeReason ?></dd><?cs
/if ?><?cs
if:Doc.ReplacedBy ?>
<dt><?cs var:Lang.CivilDoc.ReplacedBy ?></dt><dd><a href="/civil/documents/<?cs var:Doc.ReplacedBy ?>" dir="ltr"><?cs var:Doc.ReplacedBySerial ?></a></dd><?cs
/if ?><?cs
if:Doc.Replaces ?>
<dt><?cs var:Lang.CivilDoc.Replaces ?></dt><dd><a href="/civil/documents/<?cs var:Doc.Replaces ?>" dir="ltr"><?cs var:Doc.ReplacesSerial ?></a></dd><?cs
/if ?>
</dl><?cs
if:Can.Issue ?><?cs
  if:Doc.HasPdf ?>
<p><a class="btn btn-secondary" id="doc-pdf" href="/civil/documents/<?cs var:Doc.Id ?>/pdf"><?cs var:Lang.CivilDoc.DownloadPdf ?></a></p><?cs
  /if ?><?cs
  if:!Doc.RevokedAt ?><?cs
    if:Doc.Ask ?>
<section aria-labelledby="revoke-h">
<h2 id="revoke-h"><?cs var:Lang.CivilDoc.RevokeTitle ?></h2>
<p><?cs var:Lang.CivilDoc.RevokeIntro ?></p>
<form method="post" action="/civil/documents/<?cs var:Doc.Id ?>/revoke" class="form" id="revoke-form"><?cs
  call:hidden_csrf() ?><?cs
  call:field_textarea("reason", Lang.CivilDoc.RevokeReason, 1) ?>
<div class="actions">
<button type="submit" class="btn" id="revoke-only"><?cs var:Lang.CivilDoc.RevokeButton ?></button>
<button type="submit" class="btn" name="reissue" value="1" id="revoke-reissue"><?cs var:Lang.CivilDoc.ReissueButton ?></button>
<a class="btn btn-secondary" href="/civil/documents/<?cs var:Doc.Id ?>"><?cs var:Lang.CivilDoc.Keep ?></a>
</div>
</form>
</section><?cs
    else ?><?cs
      if:Doc.HasPdf && Doc.Status != "expired" ?>
<section aria-labelledby="offer-h">
<h2 id="offer-h"><?cs var:Lang.CivilDoc.Offer.Title ?></h2>
<p><?cs var:Lang.CivilDoc.Offer.Intro ?></p>
<form method="post" action="/civil/documents/<?cs var:Doc.Id ?>/offer" class="form" id="offer-form"><?cs
  call:hidden_csrf() ?><?cs
  call:field_text("phone", Lang.CivilDoc.Offer.Phone, "tel", 0) ?><?cs
  call:submit(Lang.CivilDoc.Offer.Submit) ?>
</form>
</section><?cs
      /if ?>
<p><a class="btn btn-secondary" id="doc-revoke" href="/civil/documents/<?cs var:Doc.Id ?>/revoke"><?cs var:Lang.CivilDoc.RevokeLink ?></a></p><?cs
    /if ?><?cs
  /if ?><?cs
/if ?>
<details>
<summary><?cs var:Lang.CivilDoc.Payload ?></summary>
<p class="payload" dir="ltr"><code><?cs var:Doc.Payload ?></code></p>
</details><?cs
include:"layout/footer.cs" ?>
