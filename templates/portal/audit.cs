<?cs # audit.cs: the audit trail (GET /audit). The filter form reads
  Form.{agent, entity, entity_id, from, to, kind}; results are
  Audit.Rows.N.{Seq, At, Actor, Entity, EntityId, Action,
  Changes.M.{Field, Old, New, OldNull, NewNull}, ChangesRaw} for
  kind=changes, or Audit.Rows.N.{At, Actor, Entity, EntityId, Reason}
  for kind=access; Audit.{Kind, Page, HasPrev, HasNext, Count,
  TimeZone}. The pager links keep the filters. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Audit.Title ?></h1>
<p><?cs var:Lang.Audit.Intro ?></p><?cs
set:Form.kind.Label = Lang.Audit.Field.Kind ?><?cs
set:Form.agent.Label = Lang.Audit.Field.Agent ?><?cs
set:Form.entity.Label = Lang.Audit.Field.Entity ?><?cs
set:Form.entity_id.Label = Lang.Audit.Field.EntityId ?><?cs
set:Form.from.Label = Lang.Audit.Field.From ?><?cs
set:Form.to.Label = Lang.Audit.Field.To ?><?cs
call:form_summary() ?>
<form method="get" action="/audit" class="form" role="search"><?cs
set:Audit.Kinds.0.Value = "changes" ?><?cs
set:Audit.Kinds.0.Label = Lang.Audit.Kind.Changes ?><?cs
set:Audit.Kinds.1.Value = "access" ?><?cs
set:Audit.Kinds.1.Label = Lang.Audit.Kind.Access ?><?cs
call:field_select("kind", Lang.Audit.Field.Kind, Audit.Kinds, 0) ?><?cs
call:field_text("agent", Lang.Audit.Field.Agent, "text", 0) ?><?cs
call:field_text("entity", Lang.Audit.Field.Entity, "text", 0) ?><?cs
call:field_text("entity_id", Lang.Audit.Field.EntityId, "text", 0) ?><?cs
call:field_text("from", Lang.Audit.Field.From, "date", 0) ?><?cs
call:field_text("to", Lang.Audit.Field.To, "date", 0) ?><?cs
call:submit(Lang.Audit.Submit) ?>
</form>
<div class="table-wrap">
<table>
<caption><?cs if:Audit.Kind == "access" ?><?cs var:Lang.Audit.Kind.Access ?><?cs else ?><?cs var:Lang.Audit.Kind.Changes ?><?cs /if ?> (<?cs var:Lang.Audit.TimesIn ?> <?cs var:Audit.TimeZone ?>)</caption>
<thead>
<tr><?cs
if:Audit.Kind == "access" ?>
<th scope="col"><?cs var:Lang.Audit.Col.At ?></th>
<th scope="col"><?cs var:Lang.Audit.Col.Actor ?></th>
<th scope="col"><?cs var:Lang.Audit.Col.Entity ?></th>
<th scope="col"><?cs var:Lang.Audit.Col.EntityId ?></th>
<th scope="col"><?cs var:Lang.Audit.Col.Reason ?></th><?cs
else ?>
<th scope="col"><?cs var:Lang.Audit.Col.Seq ?></th>
<th scope="col"><?cs var:Lang.Audit.Col.At ?></th>
<th scope="col"><?cs var:Lang.Audit.Col.Actor ?></th>
<th scope="col"><?cs var:Lang.Audit.Col.Entity ?></th>
<th scope="col"><?cs var:Lang.Audit.Col.EntityId ?></th>
<th scope="col"><?cs var:Lang.Audit.Col.Action ?></th>
<th scope="col"><?cs var:Lang.Audit.Col.Changes ?></th><?cs
/if ?>
</tr>
</thead>
<tbody><?cs
if:Audit.Count > 0 ?><?cs
  each:e = Audit.Rows ?><?cs
    if:Audit.Kind == "access" ?>
<tr>
<th scope="row"><?cs var:e.At ?></th>
<td dir="ltr"><?cs var:e.Actor ?></td>
<td><?cs var:e.Entity ?></td>
<td dir="ltr"><?cs var:e.EntityId ?></td>
<td><?cs var:e.Reason ?></td>
</tr><?cs
    else ?>
<tr>
<th scope="row"><?cs var:e.Seq ?></th>
<td><?cs var:e.At ?></td>
<td dir="ltr"><?cs var:e.Actor ?></td>
<td><?cs var:e.Entity ?></td>
<td dir="ltr"><?cs var:e.EntityId ?></td>
<td><?cs var:e.Action ?></td>
<td><?cs
      if:e.ChangesRaw ?><code><?cs var:e.ChangesRaw ?></code><?cs
      elif:subcount(e.Changes) > 0 ?><ul class="changes"><?cs
        each:c = e.Changes ?>
<li><span class="change-field"><?cs var:c.Field ?></span>: <?cs
          if:c.OldNull == "1" ?><span class="change-none"><?cs var:Lang.Audit.Empty ?></span><?cs
          else ?><span class="change-old"><bdi><?cs var:c.Old ?></bdi></span><?cs /if ?> → <?cs
          if:c.NewNull == "1" ?><span class="change-none"><?cs var:Lang.Audit.Empty ?></span><?cs
          else ?><span class="change-new"><bdi><?cs var:c.New ?></bdi></span><?cs /if ?></li><?cs
        /each ?>
</ul><?cs
      /if ?></td>
</tr><?cs
    /if ?><?cs
  /each ?><?cs
else ?><?cs
  if:Audit.Kind == "access" ?><?cs call:table_empty(5) ?><?cs else ?><?cs call:table_empty(7) ?><?cs /if ?><?cs
/if ?>
</tbody>
</table>
</div><?cs
if:Audit.HasPrev || Audit.HasNext ?>
<nav class="pager" aria-label="<?cs var:Lang.Pager.Label ?>"><ul><?cs
  if:Audit.HasPrev ?>
<li><a rel="prev" href="?kind=<?cs var:url_escape(Audit.Kind) ?>&amp;agent=<?cs var:url_escape(Form.agent.Value) ?>&amp;entity=<?cs var:url_escape(Form.entity.Value) ?>&amp;entity_id=<?cs var:url_escape(Form.entity_id.Value) ?>&amp;from=<?cs var:url_escape(Form.from.Value) ?>&amp;to=<?cs var:url_escape(Form.to.Value) ?>&amp;page=<?cs var:Audit.Page - 1 ?>"><?cs var:Lang.Pager.Previous ?></a></li><?cs
  /if ?>
<li><span aria-current="page"><?cs var:Audit.Page ?></span></li><?cs
  if:Audit.HasNext ?>
<li><a rel="next" href="?kind=<?cs var:url_escape(Audit.Kind) ?>&amp;agent=<?cs var:url_escape(Form.agent.Value) ?>&amp;entity=<?cs var:url_escape(Form.entity.Value) ?>&amp;entity_id=<?cs var:url_escape(Form.entity_id.Value) ?>&amp;from=<?cs var:url_escape(Form.from.Value) ?>&amp;to=<?cs var:url_escape(Form.to.Value) ?>&amp;page=<?cs var:Audit.Page + 1 ?>"><?cs var:Lang.Pager.Next ?></a></li><?cs
  /if ?>
</ul></nav><?cs
/if ?><?cs
include:"layout/footer.cs" ?>
