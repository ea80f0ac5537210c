<?cs # exchanges.cs: the exchanges section of the dossier page, included
  by view.cs. Reads Exchanges.N.{Id, Type, TypeLabel, LegalBasis,
  Question, Due, Status, StatusLabel, Open, Overdue, DaysLate, Sent,
  SentBy, Acknowledged, Answered, Answer, AnswerBy, Recipient, Partner,
  Version, Files.M.{Id, Name, Type, KB, When, By}}, XServices.N and
  XPartners.N.{Value, Label} (the recipients), Can.Exchange,
  Dossier.ExchangesOverdue, and Form.* of the sending form. ?>
<section aria-labelledby="exchanges-h" id="exchanges">
<h2 id="exchanges-h"><?cs var:Lang.Dossier.Exchange.Title ?></h2><?cs
if:Form.version.Error ?>
<p class="field-error" role="alert"><?cs call:msg(Form.version.Error) ?></p><?cs
/if ?><?cs
if:Dossier.ExchangesOverdue > 0 ?>
<p class="light light-red exchange-overdue" role="status"><?cs var:Lang.Dossier.Exchange.OverdueCount ?> <?cs var:Dossier.ExchangesOverdue ?></p><?cs
/if ?><?cs
each:x = Exchanges ?>
<article class="card" id="exchange-<?cs var:x.Id ?>">
<h3><?cs var:x.TypeLabel ?> – <bdi><?cs var:x.Recipient ?></bdi> <span class="light<?cs if:x.Overdue ?> light-red<?cs elif:x.Status == "answered" ?> light-green<?cs /if ?> exchange-status"><?cs var:x.StatusLabel ?><?cs
  if:x.Overdue ?> (<?cs var:x.DaysLate ?> <?cs var:Lang.Dossier.Unit.days ?>)<?cs /if ?></span></h3>
<dl class="record">
<dt><?cs var:Lang.Dossier.Exchange.LegalBasis ?></dt><dd><?cs var:x.LegalBasis ?></dd>
<dt><?cs var:Lang.Dossier.Exchange.Question ?></dt><dd class="note"><?cs var:x.Question ?></dd>
<dt><?cs var:Lang.Dossier.Exchange.Due ?></dt><dd dir="ltr"><?cs var:x.Due ?></dd>
<dt><?cs var:Lang.Dossier.Exchange.Sent ?></dt><dd><span dir="ltr"><?cs var:x.Sent ?></span> – <bdi><?cs var:x.SentBy ?></bdi></dd><?cs
  if:x.Acknowledged ?>
<dt><?cs var:Lang.Dossier.Exchange.Acknowledged ?></dt><dd dir="ltr"><?cs var:x.Acknowledged ?></dd><?cs
  /if ?><?cs
  if:x.Answered ?>
<dt><?cs var:Lang.Dossier.Exchange.Answer ?></dt><dd><p class="note"><?cs var:x.Answer ?></p><p class="meta"><bdi><?cs var:x.AnswerBy ?></bdi><?cs var:Lang.Form.Comma ?> <span dir="ltr"><?cs var:x.Answered ?></span></p></dd><?cs
  /if ?><?cs
  if:subcount(x.Files) > 0 ?>
<dt><?cs var:Lang.Dossier.Exchange.Files ?></dt><dd><ul class="links"><?cs
    each:f = x.Files ?>
<li><a href="/dossier/<?cs var:Dossier.Id ?>/exchanges/<?cs var:x.Id ?>/files/<?cs var:f.Id ?>" dir="ltr"><?cs var:f.Name ?></a> <span class="hint" dir="ltr"><?cs var:f.Type ?>, <?cs var:f.KB ?> KB, <?cs var:f.When ?></span></li><?cs
    /each ?>
</ul></dd><?cs
  /if ?>
</dl><?cs
  if:Can.Exchange && x.Open ?><?cs
    if:!x.Partner ?>
<form method="post" action="/dossier/<?cs var:Dossier.Id ?>/exchanges/<?cs var:x.Id ?>/answer" enctype="multipart/form-data" class="form"><?cs call:hidden_csrf() ?>
<input type="hidden" name="version" value="<?cs var:x.Version ?>">
<div class="field"><label for="answer-<?cs var:x.Id ?>"><?cs var:Lang.Dossier.Exchange.ServiceAnswer ?></label>
<textarea rows="4" name="answer" id="answer-<?cs var:x.Id ?>" required></textarea></div>
<div class="field"><label for="file-<?cs var:x.Id ?>"><?cs var:Lang.Dossier.Exchange.Attachment ?></label>
<input type="file" name="file" id="file-<?cs var:x.Id ?>" accept="application/pdf,image/jpeg,image/png">
<p class="hint"><?cs var:Lang.Dossier.DocumentHint ?></p></div><?cs
      call:submit(Lang.Dossier.Exchange.RecordAnswer) ?>
</form><?cs
    /if ?>
<form method="post" action="/dossier/<?cs var:Dossier.Id ?>/exchanges/<?cs var:x.Id ?>/withdraw" class="form-inline"><?cs call:hidden_csrf() ?>
<input type="hidden" name="version" value="<?cs var:x.Version ?>">
<button type="submit" class="btn btn-secondary"><?cs var:Lang.Dossier.Exchange.Withdraw ?></button>
</form><?cs
  /if ?>
</article><?cs
/each ?><?cs
if:subcount(Exchanges) == 0 ?>
<p class="muted"><?cs var:Lang.Dossier.Exchange.None ?></p><?cs
/if ?><?cs
if:Can.Exchange ?>
<form method="post" action="/dossier/<?cs var:Dossier.Id ?>/exchanges" class="form">
<fieldset><legend><?cs var:Lang.Dossier.Exchange.New ?></legend><?cs call:hidden_csrf() ?>
<div class="field<?cs if:Form.type.Error ?> has-error<?cs /if ?>"><?cs
  call:field_label("type", Lang.Dossier.Exchange.Type, 1) ?>
<select<?cs call:field_attrs("type", 1) ?>><option value=""><?cs var:Lang.Form.Choose ?></option><?cs
  each:t = Lang.Dossier.Exchange.Types ?><option value="<?cs var:name(t) ?>"<?cs if:Form.type.Value == name(t) ?> selected<?cs /if ?>><?cs var:t ?></option><?cs /each ?>
</select></div>
<div class="field<?cs if:Form.recipient.Error ?> has-error<?cs /if ?>"><?cs
  call:field_label("recipient", Lang.Dossier.Exchange.Recipient, 1) ?>
<select<?cs call:field_attrs("recipient", 1) ?>><option value=""><?cs var:Lang.Form.Choose ?></option>
<optgroup label="<?cs var:Lang.Dossier.Exchange.Services ?>"><?cs
  each:o = XServices ?><option value="<?cs var:o.Value ?>"<?cs if:string.length(Form.recipient.Value) == string.length(o.Value) && Form.recipient.Value == o.Value ?> selected<?cs /if ?>><?cs var:o.Label ?></option><?cs /each ?></optgroup><?cs
  if:subcount(XPartners) > 0 ?>
<optgroup label="<?cs var:Lang.Dossier.Exchange.Partners ?>"><?cs
    each:o = XPartners ?><option value="<?cs var:o.Value ?>"<?cs if:string.length(Form.recipient.Value) == string.length(o.Value) && Form.recipient.Value == o.Value ?> selected<?cs /if ?>><?cs var:o.Label ?></option><?cs /each ?></optgroup><?cs
  /if ?>
</select></div><?cs
  call:field_text("legal_basis", Lang.Dossier.Exchange.LegalBasis, "text", 1) ?><?cs
  call:field_textarea("question", Lang.Dossier.Exchange.Question, 1) ?><?cs
  call:field_text("due_on", Lang.Dossier.Exchange.Due, "date", 1) ?>
</fieldset><?cs
  call:submit(Lang.Dossier.Exchange.Send) ?>
</form><?cs
/if ?>
</section>
