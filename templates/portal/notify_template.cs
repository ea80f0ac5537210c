<?cs # notify_template.cs: edit one SMS template (GET/POST
  /notify/templates/{id}). Reads Tpl.{Id,Event,Lang,Version,Body,
  Segments,Units,UnitsPlural,Coding,Sample,TooLong,Conflict,
  WorstService}, Tpl.Second.{Segments,Units,UnitsPlural,Coding,Sample} (the documents' own SMS),
  Tpl.History.N.{Version,
  At,By,Body} and Form.{body,version}. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Notify.Templates.Title ?><?cs var:Lang.Form.Colon ?> <?cs var:Tpl.Event ?> (<span dir="ltr"><?cs var:Tpl.Lang ?></span>)</h1><?cs
if:Tpl.Conflict ?>
<div class="form-summary" role="alert">
<p><?cs var:Lang.Notify.Templates.Stale ?></p>
<p><?cs var:Lang.Notify.Templates.TheirText ?><?cs var:Lang.Form.Colon ?></p>
<blockquote class="conflict-stored" lang="<?cs var:Tpl.Lang ?>" dir="auto"><?cs var:Tpl.Body ?></blockquote>
</div><?cs
/if ?><?cs
set:Form.body.Label = Lang.Notify.Templates.Body ?><?cs
call:form_summary() ?><?cs
if:Tpl.Unknown ?>
<p class="field-error"><?cs var:Lang.Notify.Templates.UnknownName ?> <code dir="ltr">{<?cs var:Tpl.Unknown ?>}</code></p><?cs
/if ?>
<?cs if:Tpl.WorstService ?><p><?cs var:Lang.Notify.Templates.Worst ?> <code dir="ltr"><?cs var:Tpl.WorstService ?></code></p><?cs /if ?>
<p class="segments"><?cs var:Lang.Notify.Templates.Segments ?><?cs var:Lang.Form.Colon ?> <strong><?cs var:Tpl.Segments ?></strong> (<?cs var:Tpl.Coding ?>; <?cs call:count(Tpl.Units, Lang.Notify.Templates.Units, Tpl.UnitsPlural) ?>)<?cs
if:Tpl.TooLong ?> <strong><?cs var:Lang.Notify.Templates.TooLong ?></strong><?cs /if ?></p>
<p><?cs var:Lang.Notify.Templates.Sample ?><?cs var:Lang.Form.Colon ?></p>
<blockquote lang="<?cs var:Tpl.Lang ?>" dir="auto"><?cs var:Tpl.Sample ?></blockquote><?cs
if:Tpl.Second.Segments ?>
<p class="segments"><?cs var:Lang.Notify.Templates.Second ?><?cs var:Lang.Form.Colon ?> <strong><?cs var:Tpl.Second.Segments ?></strong> (<?cs var:Tpl.Second.Coding ?>; <?cs call:count(Tpl.Second.Units, Lang.Notify.Templates.Units, Tpl.Second.UnitsPlural) ?>)</p>
<blockquote lang="<?cs var:Tpl.Lang ?>" dir="auto"><?cs var:Tpl.Second.Sample ?></blockquote><?cs
/if ?>
<form method="post" action="/notify/templates/<?cs var:Tpl.Id ?>" class="form"><?cs
call:hidden_csrf() ?>
<input type="hidden" name="version" value="<?cs var:Form.version.Value ?>"><?cs
call:field_textarea("body", Lang.Notify.Templates.Body, 1) ?><?cs
call:submit(Lang.Notify.Templates.Save) ?>
</form>
<h2><?cs var:Lang.Notify.Templates.History ?></h2><?cs
if:subcount(Tpl.History) > 0 ?>
<ul><?cs
  each:h = Tpl.History ?>
<li><?cs var:Lang.Notify.Templates.Version ?> <?cs var:h.Version ?>, <span dir="ltr"><?cs var:h.At ?></span> <?cs var:h.By ?><?cs var:Lang.Form.Colon ?>
<blockquote lang="<?cs var:Tpl.Lang ?>" dir="auto"><?cs var:h.Body ?></blockquote></li><?cs
  /each ?>
</ul><?cs
else ?>
<p><?cs var:Lang.Notify.Templates.NoHistory ?></p><?cs
/if ?><?cs
include:"layout/footer.cs" ?>
