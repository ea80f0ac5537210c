<?cs # notify_templates.cs: the SMS message templates (GET
  /notify/templates). Reads Tpl.List.N.{Id,Event,Lang,Body,Version,
  UpdatedAt,UpdatedBy,Segments,Units,Coding,TooLong,Second.Segments}
  (a worst case: see notify_templates.c). ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Notify.Templates.Title ?></h1>
<p><?cs var:Lang.Notify.Templates.Intro ?></p>
<div class="table-wrap">
<table>
<caption><?cs var:Lang.Notify.Templates.Caption ?></caption>
<thead><tr>
<th scope="col"><?cs var:Lang.Notify.Templates.Event ?></th>
<th scope="col"><?cs var:Lang.Notify.Templates.Language ?></th>
<th scope="col"><?cs var:Lang.Notify.Templates.Body ?></th>
<th scope="col"><?cs var:Lang.Notify.Templates.Segments ?></th>
<th scope="col"><?cs var:Lang.Notify.Templates.Version ?></th>
<th scope="col"><?cs var:Lang.Notify.Templates.UpdatedBy ?></th>
</tr></thead>
<tbody><?cs
each:t = Tpl.List ?>
<tr>
<th scope="row"><a href="/notify/templates/<?cs var:t.Id ?>"><?cs var:t.Event ?></a></th>
<td dir="ltr"><?cs var:t.Lang ?></td>
<td lang="<?cs var:t.Lang ?>" dir="auto"><?cs var:t.Body ?></td>
<td class="segments"><?cs var:t.Segments ?> (<?cs var:t.Coding ?>)<?cs
  if:t.Second.Segments ?> + <?cs var:t.Second.Segments ?> <?cs var:Lang.Notify.Templates.SecondShort ?><?cs /if ?><?cs
  if:t.TooLong ?> <strong><?cs var:Lang.Notify.Templates.TooLong ?></strong><?cs /if ?></td>
<td><?cs var:t.Version ?></td>
<td><?cs var:t.UpdatedBy ?> <span dir="ltr"><?cs var:t.UpdatedAt ?></span></td>
</tr><?cs
/each ?>
</tbody>
</table>
</div><?cs
include:"layout/footer.cs" ?>
