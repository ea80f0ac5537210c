<?cs # rule.cs: a triage rule's form (GET /registration/rules/{id},
  GET /registration/rules/new; the rejected or lost POST). Rule.{New,
  Id, Kind, KindCode, Reason, Updated}, Options.{Kinds, Procedures}.N,
  the Conflict node of a lost save, Form.*. Every change gives its
  reason. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Page.Title ?></h1><?cs
set:Form.kind.Label = Lang.Registration.Rules.Kind.Label ?><?cs
set:Form.value.Label = Lang.Registration.Rules.Value ?><?cs
set:Form.procedure.Label = Lang.Registration.Rules.Procedure ?><?cs
set:Form.rank.Label = Lang.Registration.Rules.Rank ?><?cs
set:Form.reason.Label = Lang.Registration.Rules.Reason ?><?cs
call:conflict_table(Lang.Registration.Rules.Conflict, Lang.Registration.Rules.ConflictAgain) ?><?cs
call:form_summary() ?><?cs
if:!Rule.New ?>
<dl class="record">
<dt><?cs var:Lang.Registration.Rules.Kind.Label ?></dt><dd><?cs var:Rule.Kind ?></dd>
<dt><?cs var:Lang.Registration.Rules.LastReason ?></dt><dd><?cs
  if:Rule.Reason ?><bdi><?cs var:Rule.Reason ?></bdi><?cs if:Rule.Updated ?> <span dir="ltr">(<?cs var:Rule.Updated ?> UTC)</span><?cs /if ?><?cs
  else ?><?cs var:Lang.Registration.Rules.Seeded ?><?cs /if ?></dd>
</dl><?cs
/if ?>
<form method="post" action="/registration/rules<?cs if:!Rule.New ?>/<?cs var:Rule.Id ?><?cs /if ?>" class="form"><?cs call:hidden_csrf() ?>
<input type="hidden" name="version" value="<?cs var:Form.version.Value ?>"><?cs
if:Rule.New ?><?cs
  call:field_select("kind", Lang.Registration.Rules.Kind.Label, Options.Kinds, 1) ?><?cs
/if ?><?cs
call:field_text("value", Lang.Registration.Rules.Value, "text", 0) ?>
<p class="hint"><?cs var:Lang.Registration.Rules.ValueHint ?></p><?cs
call:field_select("procedure", Lang.Registration.Rules.Procedure, Options.Procedures, 1) ?><?cs
call:field_text("rank", Lang.Registration.Rules.Rank, "number", 1) ?>
<p class="hint"><?cs var:Lang.Registration.Rules.RankHint ?></p><?cs
call:field_checkbox("priority", Lang.Registration.Rules.PriorityLong) ?><?cs
call:field_checkbox("active", Lang.Registration.Rules.ActiveLong) ?><?cs
call:field_textarea("reason", Lang.Registration.Rules.Reason, 1) ?><?cs
call:submit(Lang.Registration.Rules.Save) ?>
</form>
<p><a href="/registration/rules"><?cs var:Lang.Registration.Rules.Back ?></a></p><?cs
include:"layout/footer.cs" ?>
