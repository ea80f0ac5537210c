<?cs # retention_rule.cs: one retention rule's form (GET/POST
  /dataprotection/rules/{category}). Reads Rule.{Category, KeepDays,
  Action, Starts, What, Source, Enabled, Version, UpdatedAt, UpdatedBy},
  Rule.History.N.{Version, KeepDays, Source, At, By, Reason}, the
  Conflict node of a lost save (edit.c) and Form.{keep_days,
  legal_source, reason, version}. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.DataProtection.Rule.Title ?><?cs var:Lang.Form.Colon ?> <span dir="ltr"><?cs var:Rule.Category ?></span></h1>
<dl class="facts">
<dt><?cs var:Lang.DataProtection.Rule.Starts ?></dt><dd><?cs var:Rule.Starts ?></dd>
<dt><?cs var:Lang.DataProtection.Rule.What ?></dt><dd><?cs var:Rule.What ?></dd>
<dt><?cs var:Lang.DataProtection.Rule.Action ?></dt><dd dir="ltr"><?cs var:Rule.Action ?></dd>
<dt><?cs var:Lang.DataProtection.Rule.Version ?></dt><dd><?cs var:Rule.Version ?><?cs if:Rule.UpdatedBy ?> (<?cs var:Rule.UpdatedBy ?>, <span dir="ltr"><?cs var:Rule.UpdatedAt ?></span>)<?cs /if ?></dd>
</dl><?cs
call:conflict_table(Lang.DataProtection.Rule.Stale, Lang.DataProtection.Rule.Again) ?><?cs
set:Form.keep_days.Label = Lang.DataProtection.Rule.KeepDays ?><?cs
set:Form.legal_source.Label = Lang.DataProtection.Rule.Source ?><?cs
set:Form.reason.Label = Lang.DataProtection.Rule.Reason ?><?cs
call:form_summary() ?>
<form method="post" action="/dataprotection/rules/<?cs var:url_escape(Rule.Category) ?>" class="form"><?cs
call:hidden_csrf() ?>
<input type="hidden" name="version" value="<?cs var:Form.version.Value ?>"><?cs
call:field_text("keep_days", Lang.DataProtection.Rule.KeepDays, "text", 1) ?><?cs
call:field_text("legal_source", Lang.DataProtection.Rule.Source, "text", 1) ?><?cs
call:field_text("reason", Lang.DataProtection.Rule.Reason, "text", 1) ?><?cs
call:submit(Lang.DataProtection.Rule.Save) ?>
</form>
<h2 id="history-h"><?cs var:Lang.DataProtection.Rule.History ?></h2><?cs
if:subcount(Rule.History) == 0 ?>
<p><?cs var:Lang.DataProtection.Rule.NoHistory ?></p><?cs
else ?>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="history-h">
<table>
<thead><tr>
<th scope="col"><?cs var:Lang.DataProtection.Rule.Version ?></th>
<th scope="col"><?cs var:Lang.DataProtection.Rule.KeepDays ?></th>
<th scope="col"><?cs var:Lang.DataProtection.Rule.Source ?></th>
<th scope="col"><?cs var:Lang.DataProtection.Rule.ChangedBy ?></th>
<th scope="col"><?cs var:Lang.DataProtection.Rule.Reason ?></th>
</tr></thead>
<tbody><?cs
each:h = Rule.History ?>
<tr>
<td><?cs var:h.Version ?></td>
<td dir="ltr"><?cs var:h.KeepDays ?></td>
<td><?cs var:h.Source ?></td>
<td><?cs var:h.By ?> <span dir="ltr"><?cs var:h.At ?></span></td>
<td><bdi><?cs var:h.Reason ?></bdi></td>
</tr><?cs
/each ?>
</tbody>
</table>
</div><?cs
/if ?>
<p><a href="/dataprotection"><?cs var:Lang.DataProtection.Back ?></a></p><?cs
include:"layout/footer.cs" ?>
