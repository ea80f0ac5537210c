<?cs # hold_release.cs: releasing a legal hold (GET/POST
  /dataprotection/holds/{id}/release). Reads Hold.{Id, KindLabel,
  EntityLabel, EntityId, Reason, PlacedAt, PlacedBy, ReleasedAt,
  ReleasedBy} and Form.reason. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.DataProtection.Hold.ReleaseTitle ?> <span dir="ltr">#<?cs var:Hold.Id ?></span></h1>
<dl class="facts">
<dt><?cs var:Lang.DataProtection.Hold.Kind ?></dt><dd><?cs var:Hold.KindLabel ?></dd>
<dt><?cs var:Lang.DataProtection.Hold.Target ?></dt><dd><?cs var:Hold.EntityLabel ?> <span dir="ltr"><?cs var:Hold.EntityId ?></span></dd>
<dt><?cs var:Lang.DataProtection.Hold.Reason ?></dt><dd><bdi><?cs var:Hold.Reason ?></bdi></dd>
<dt><?cs var:Lang.DataProtection.Hold.Placed ?></dt><dd><?cs var:Hold.PlacedBy ?> <span dir="ltr"><?cs var:Hold.PlacedAt ?></span></dd>
</dl><?cs
if:Hold.ReleasedAt ?>
<p><?cs var:Lang.DataProtection.Hold.ReleasedOn ?> <span dir="ltr"><?cs var:Hold.ReleasedAt ?></span> (<?cs var:Hold.ReleasedBy ?>)</p><?cs
else ?><?cs
set:Form.reason.Label = Lang.DataProtection.Hold.ReleaseReason ?><?cs
call:form_summary() ?>
<form method="post" action="/dataprotection/holds/<?cs var:Hold.Id ?>/release" class="form"><?cs
call:hidden_csrf() ?><?cs
call:field_text("reason", Lang.DataProtection.Hold.ReleaseReason, "text", 1) ?><?cs
call:submit(Lang.DataProtection.Hold.Release) ?>
</form><?cs
/if ?>
<p><a href="/dataprotection"><?cs var:Lang.DataProtection.Back ?></a></p><?cs
include:"layout/footer.cs" ?>
