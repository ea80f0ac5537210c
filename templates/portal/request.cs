<?cs # request.cs: one person's request (GET/POST
  /dataprotection/requests/{id}). Reads Request.{Id, KindLabel,
  PersonId, Requester, Details, Received, Due, Status, Overdue,
  DecisionLabel, DecisionReason, Answer, Answered, RecordedBy,
  AnsweredBy, Version, Stale, FirstDue, Extended, ExtendedBy,
  ExtensionReason}, Options.decision.N and Form.{decision,
  decision_reason, answer, extension_reason, version}. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.DataProtection.Request.One ?> <span dir="ltr">#<?cs var:Request.Id ?></span></h1><?cs
if:Request.Stale ?>
<div class="form-summary" role="alert"><p><?cs var:Lang.DataProtection.Request.Stale ?></p></div><?cs
/if ?>
<dl class="facts">
<dt><?cs var:Lang.DataProtection.Request.KindLabel ?></dt><dd><?cs var:Request.KindLabel ?></dd>
<dt><?cs var:Lang.DataProtection.Request.Requester ?></dt><dd><bdi><?cs var:Request.Requester ?></bdi><?cs if:Request.PersonId ?> (<a href="/identity/persons/<?cs var:Request.PersonId ?>" dir="ltr"><?cs var:Request.PersonId ?></a>)<?cs /if ?></dd>
<dt><?cs var:Lang.DataProtection.Request.Details ?></dt><dd><bdi><?cs var:Request.Details ?></bdi></dd>
<dt><?cs var:Lang.DataProtection.Request.Received ?></dt><dd><span dir="ltr"><?cs var:Request.Received ?></span> (<?cs var:Request.RecordedBy ?>)</dd>
<dt><?cs var:Lang.DataProtection.Request.DueOn ?></dt><dd><span dir="ltr"><?cs var:Request.Due ?></span><?cs if:Request.Overdue == "1" ?> <strong><?cs var:Lang.DataProtection.Request.IsOverdue ?></strong><?cs /if ?></dd><?cs
if:Request.Extended ?>
<dt><?cs var:Lang.DataProtection.Request.ExtendedOn ?></dt><dd><span dir="ltr"><?cs var:Request.Extended ?></span> (<?cs var:Request.ExtendedBy ?>)<?cs var:Lang.Form.Colon ?> <bdi><?cs var:Request.ExtensionReason ?></bdi>. <?cs var:Lang.DataProtection.Request.FirstDue ?> <span dir="ltr"><?cs var:Request.FirstDue ?></span></dd><?cs
/if ?><?cs
if:Request.Status == "answered" ?>
<dt><?cs var:Lang.DataProtection.Request.DecisionLabel ?></dt><dd><?cs var:Request.DecisionLabel ?><?cs var:Lang.Form.Colon ?> <bdi><?cs var:Request.DecisionReason ?></bdi></dd>
<dt><?cs var:Lang.DataProtection.Request.Answer ?></dt><dd><bdi><?cs var:Request.Answer ?></bdi></dd>
<dt><?cs var:Lang.DataProtection.Request.AnsweredOn ?></dt><dd><span dir="ltr"><?cs var:Request.Answered ?></span> (<?cs var:Request.AnsweredBy ?>)</dd><?cs
/if ?>
</dl><?cs
if:Request.Status == "open" ?>
<h2><?cs var:Lang.DataProtection.Request.AnswerTitle ?></h2><?cs
set:Form.decision.Label = Lang.DataProtection.Request.DecisionLabel ?><?cs
set:Form.decision_reason.Label = Lang.DataProtection.Request.DecisionReason ?><?cs
set:Form.answer.Label = Lang.DataProtection.Request.Answer ?><?cs
set:Form.extension_reason.Label = Lang.DataProtection.Request.ExtensionReason ?><?cs
call:form_summary() ?>
<form method="post" action="/dataprotection/requests/<?cs var:Request.Id ?>" class="form"><?cs
call:hidden_csrf() ?>
<input type="hidden" name="version" value="<?cs var:Form.version.Value ?>"><?cs
call:field_select("decision", Lang.DataProtection.Request.DecisionLabel, Options.decision, 1) ?><?cs
call:field_textarea("decision_reason", Lang.DataProtection.Request.DecisionReason, 1) ?><?cs
call:field_textarea("answer", Lang.DataProtection.Request.Answer, 1) ?><?cs
call:submit(Lang.DataProtection.Request.Send) ?>
</form><?cs
  if:!Request.Extended && Request.Overdue != "1" ?>
<h2><?cs var:Lang.DataProtection.Request.ExtendTitle ?></h2>
<p><?cs var:Lang.DataProtection.Request.ExtendIntro ?></p>
<form method="post" action="/dataprotection/requests/<?cs var:Request.Id ?>/extend" class="form"><?cs
call:hidden_csrf() ?>
<input type="hidden" name="version" value="<?cs var:Form.version.Value ?>"><?cs
call:field_textarea("extension_reason", Lang.DataProtection.Request.ExtensionReason, 1) ?><?cs
call:submit(Lang.DataProtection.Request.Extend) ?>
</form><?cs
  /if ?><?cs
/if ?>
<p><a href="/dataprotection/requests"><?cs var:Lang.DataProtection.Request.Back ?></a></p><?cs
include:"layout/footer.cs" ?>
