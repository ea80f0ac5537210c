<?cs # act.cs: the workbench of an act (GET /civil/{id}, and every form of
  it re-rendered). Reads Act.{Id, Kind, KindLabel, Status, StatusLabel,
  ActVersion, Version, Requested, Established, AmendReason, Editable,
  Dossier, Documents}, Person.{Id, Name, Latin}, Civil.{Refused,
  FormField}, Can.Sign, Transitions.N.{To, Label},
  Sources.N.{Id, Kind, Title, Pages, Declarant, Statement, When,
  Document, Page.M.N}, SourceChoices.N.{Value, Label},
  Fields.N.{Code, Label, Name, Type, Comment, Chosen.{Value, Latin,
  Source, SourceTitle, Page, Rect, Reason, By, At}, Found.M.{Source,
  Title, Page, Rect, Value, Differs}}, Reviews.N.{Id, ActVersion,
  Decision, At, By}, Comments.N.{Review, Field, Text},
  Versions.N.{Number, Reason, At, By, Fields.M.{Label, Value, Latin,
  Reason, Source}}, Mentions.N.{Kind, Date, Text},
  MentionKinds.N.{Value, Label} and Form.*. The sources' zoom and
  rotation buttons are enhanced by /static/civil.js (hidden without
  it: the pages stay readable at their width). ?><?cs
include:"layout/header.cs" ?><?cs
def:source_select(id, sel) ?>
<select id="<?cs var:id ?>" name="source" aria-required="true"><?cs
  each:o = SourceChoices ?>
<option value="<?cs var:o.Value ?>"<?cs if:o.Value == sel ?> selected<?cs /if ?>><?cs var:o.Label ?></option><?cs
  /each ?>
</select><?cs
/def ?><?cs
def:err(name, on) ?><?cs
  if:on && Form[name].Error ?><p class="field-error" id="e-<?cs var:name ?>"><?cs call:msg(Form[name].Error) ?></p><?cs /if ?><?cs
/def ?>
<h1><?cs var:Act.KindLabel ?> – <?cs var:Lang.Civil.Act.Number ?> <span dir="ltr"><?cs var:Act.Id ?></span></h1><?cs
if:Civil.Refused ?>
<div class="flash flash-error" role="alert"><?cs call:msg(Civil.Refused) ?></div><?cs
/if ?><?cs
set:Form.declarant.Label = Lang.Civil.Declarant ?><?cs
set:Form.statement.Label = Lang.Civil.Statement ?><?cs
set:Form.reason.Label = Lang.Civil.Amend.Reason ?><?cs
set:Form.kind.Label = Lang.Civil.MentionKind ?><?cs
set:Form.on_date.Label = Lang.Civil.MentionDate ?><?cs
set:Form.text.Label = Lang.Civil.MentionText ?><?cs
set:Form.file.Label = Lang.Civil.SourceFile ?><?cs
call:form_summary() ?>
<dl class="record">
<dt><?cs var:Lang.Civil.Person ?></dt><dd><a href="/identity/persons/<?cs var:Person.Id ?>"><bdi><?cs var:Person.Name ?></bdi></a><?cs if:Person.Latin ?> <span class="latin" dir="ltr">(<?cs var:Person.Latin ?>)</span><?cs /if ?></dd>
<dt><?cs var:Lang.Civil.Status ?></dt><dd id="act-status" data-status="<?cs var:Act.Status ?>"><?cs var:Act.StatusLabel ?></dd>
<dt><?cs var:Lang.Civil.Act.VersionLabel ?></dt><dd><?cs var:Act.ActVersion ?></dd>
<dt><?cs var:Lang.Civil.Requested ?></dt><dd dir="ltr"><?cs var:Act.Requested ?></dd><?cs
if:Act.Established ?>
<dt><?cs var:Lang.Civil.Established ?></dt><dd dir="ltr"><?cs var:Act.Established ?></dd><?cs
/if ?><?cs
if:Act.Dossier ?>
<dt><?cs var:Lang.Civil.Dossier ?></dt><dd><a href="/dossier/<?cs var:Act.Dossier ?>"><?cs var:Act.Dossier ?></a></dd><?cs
/if ?><?cs
if:Act.AmendReason ?>
<dt><?cs var:Lang.Civil.Amend.Reason ?></dt><dd><?cs var:Act.AmendReason ?></dd><?cs
/if ?>
</dl>
<p class="links"><a href="/civil/<?cs var:Act.Id ?>/documents" id="act-documents"><?cs var:Lang.CivilDoc.Link ?></a> · <a href="/civil/persons/<?cs var:Person.Id ?>/documents"><?cs var:Lang.CivilDoc.PersonLink ?></a></p><?cs
if:subcount(Transitions) > 0 ?>
<form method="post" action="/civil/<?cs var:Act.Id ?>/transition" class="form-inline"><?cs call:hidden_csrf() ?>
<input type="hidden" name="version" value="<?cs var:Act.Version ?>"><?cs
  call:err("to", 1) ?><?cs
  each:t = Transitions ?>
<button type="submit" name="to" value="<?cs var:t.To ?>" class="btn"><?cs var:Lang.Civil.MoveTo ?> <?cs var:t.Label ?></button><?cs
  /each ?>
</form><?cs
/if ?>
<div class="workbench">
<section class="wb-sources" id="sources" aria-labelledby="sources-h">
<h2 id="sources-h"><?cs var:Lang.Civil.Sources ?></h2>
<div class="wb-viewers"><?cs
each:s = Sources ?><?cs
  if:s.Document ?>
<figure class="wb-source" id="source-<?cs var:s.Id ?>">
<figcaption><?cs var:s.Id ?>. <bdi><?cs var:s.Title ?></bdi> <span class="hint">(<?cs var:s.Pages ?> <?cs var:Lang.Civil.PagesWord ?>)</span></figcaption>
<div class="wb-toolbar" hidden>
<button type="button" class="btn btn-small btn-secondary" data-act="zoom-in" aria-label="<?cs var:Lang.Civil.ZoomIn ?><?cs var:Lang.Form.Colon ?> <?cs var:s.Title ?>">+</button>
<button type="button" class="btn btn-small btn-secondary" data-act="zoom-out" aria-label="<?cs var:Lang.Civil.ZoomOut ?><?cs var:Lang.Form.Colon ?> <?cs var:s.Title ?>">−</button>
<button type="button" class="btn btn-small btn-secondary" data-act="rotate" aria-label="<?cs var:Lang.Civil.Rotate ?><?cs var:Lang.Form.Colon ?> <?cs var:s.Title ?>">⟳</button>
</div>
<div class="wb-pages" tabindex="0" role="region" aria-label="<?cs var:s.Title ?>"><?cs
    each:p = s.Page ?>
<img class="wb-page" src="/civil/<?cs var:Act.Id ?>/sources/<?cs var:s.Id ?>/pages/<?cs var:p.N ?>" alt="<?cs var:s.Title ?>, <?cs var:Lang.Civil.PageWord ?> <?cs var:p.N ?>"><?cs
    /each ?>
</div>
</figure><?cs
  /if ?><?cs
/each ?>
</div><?cs
if:Act.Documents == 0 ?><p class="muted"><?cs var:Lang.Civil.NoDocuments ?></p><?cs /if ?>
<ul class="links"><?cs
each:s = Sources ?><?cs
  if:!s.Document ?>
<li><?cs var:s.Id ?>. <bdi><?cs var:s.Title ?></bdi><?cs
    if:s.Kind == "declaration" ?> – <?cs var:Lang.Civil.Declarant ?><?cs var:Lang.Form.Colon ?> <bdi><?cs var:s.Declarant ?></bdi><?cs var:Lang.Form.Colon ?> «<bdi><?cs var:s.Statement ?></bdi>»<?cs /if ?></li><?cs
  /if ?><?cs
/each ?>
</ul><?cs
if:Act.Editable ?><?cs
  set:_up = Civil.FormField != "declaration" ?>
<form method="post" action="/civil/<?cs var:Act.Id ?>/sources" enctype="multipart/form-data" class="form"><?cs call:hidden_csrf() ?>
<h3><?cs var:Lang.Civil.AddSource ?></h3>
<div class="field"><label for="<?cs if:_up ?>f-title<?cs else ?>u-title<?cs /if ?>"><?cs var:Lang.Civil.SourceTitle ?></label><?cs call:err("title", _up) ?>
<input type="text" id="<?cs if:_up ?>f-title<?cs else ?>u-title<?cs /if ?>" name="title" aria-required="true" value="<?cs if:_up ?><?cs var:Form.title.Value ?><?cs /if ?>"></div>
<div class="field"><label for="f-file"><?cs var:Lang.Civil.SourceFile ?></label><?cs call:err("file", 1) ?>
<input type="file" id="f-file" name="file" aria-required="true" accept="application/pdf,image/jpeg,image/png"<?cs if:Form.file.Error ?> aria-invalid="true" aria-describedby="e-file"<?cs /if ?>></div>
<p class="hint"><?cs var:Lang.Civil.SourceHint ?></p>
<div class="actions"><button type="submit" class="btn btn-secondary"><?cs var:Lang.Civil.Upload ?></button></div>
</form>
<form method="post" action="/civil/<?cs var:Act.Id ?>/declarations" class="form"><?cs call:hidden_csrf() ?>
<h3><?cs var:Lang.Civil.AddDeclaration ?></h3>
<div class="field"><label for="<?cs if:!_up ?>f-title<?cs else ?>d-title<?cs /if ?>"><?cs var:Lang.Civil.SourceTitle ?></label><?cs call:err("title", !_up) ?>
<input type="text" id="<?cs if:!_up ?>f-title<?cs else ?>d-title<?cs /if ?>" name="title" aria-required="true" value="<?cs if:!_up ?><?cs var:Form.title.Value ?><?cs /if ?>"></div><?cs
  call:field_text("declarant", Lang.Civil.Declarant, "text", 1) ?><?cs
  call:field_textarea("statement", Lang.Civil.Statement, 1) ?>
<div class="actions"><button type="submit" class="btn btn-secondary"><?cs var:Lang.Civil.AddDeclaration ?></button></div>
</form><?cs
/if ?>
</section>
<section class="wb-form" aria-labelledby="fields-h">
<h2 id="fields-h"><?cs var:Lang.Civil.Fields ?></h2>
<p class="hint"><?cs var:Lang.Civil.FieldsHint ?></p><?cs
each:f = Fields ?><?cs
  set:_mine = Civil.FormField == f.Code ?>
<div class="wb-field" id="field-<?cs var:f.Code ?>">
<h3><?cs var:f.Label ?></h3><?cs
  if:f.Comment ?><p class="flash flash-warning"><?cs var:Lang.Civil.Review.CommentLabel ?><?cs var:Lang.Form.Colon ?> <?cs var:f.Comment ?></p><?cs /if ?>
<table class="wb-values">
<caption class="visually-hidden"><?cs var:Lang.Civil.ValuesOf ?> <?cs var:f.Label ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.Civil.Source ?></th><th scope="col"><?cs var:Lang.Civil.Where ?></th><th scope="col"><?cs var:Lang.Civil.Value ?></th></tr></thead>
<tbody><?cs
  each:v = f.Found ?>
<tr<?cs if:v.Differs ?> class="differs"<?cs /if ?>><td><bdi><?cs var:v.Title ?></bdi></td><td dir="ltr"><?cs if:v.Page ?>p. <?cs var:v.Page ?><?cs /if ?><?cs if:v.Rect ?> [<?cs var:v.Rect ?>]<?cs /if ?></td><td><bdi><?cs var:v.Value ?></bdi><?cs if:v.Differs ?> <strong class="differs-mark"><?cs var:Lang.Civil.Differs ?></strong><?cs /if ?></td></tr><?cs
  /each ?><?cs
  if:f.Chosen.Value ?>
<tr class="chosen"><td><?cs var:Lang.Civil.Chosen ?><?cs var:Lang.Form.Colon ?> <bdi><?cs var:f.Chosen.SourceTitle ?></bdi></td><td dir="ltr"><?cs if:f.Chosen.Page ?>p. <?cs var:f.Chosen.Page ?><?cs /if ?><?cs if:f.Chosen.Rect ?> [<?cs var:f.Chosen.Rect ?>]<?cs /if ?></td><td><strong><bdi class="chosen-value"><?cs var:f.Chosen.Value ?></bdi></strong><?cs if:f.Chosen.Latin ?> <span class="latin" dir="ltr">(<?cs var:f.Chosen.Latin ?>)</span><?cs /if ?><?cs
    if:f.Chosen.Reason ?><br><span class="hint"><?cs var:Lang.Civil.Reason ?><?cs var:Lang.Form.Colon ?> <span class="chosen-reason"><?cs var:f.Chosen.Reason ?></span></span><?cs /if ?><?cs
    if:f.Chosen.By ?><br><span class="hint"><?cs var:f.Chosen.By ?>, <span dir="ltr"><?cs var:f.Chosen.At ?></span></span><?cs /if ?></td></tr><?cs
  else ?>
<tr><td colspan="3" class="muted"><?cs var:Lang.Civil.NotChosen ?></td></tr><?cs
  /if ?>
</tbody>
</table><?cs
  if:Act.Editable ?>
<form method="post" action="/civil/<?cs var:Act.Id ?>/fields/<?cs var:f.Code ?>" class="form wb-choose"><?cs call:hidden_csrf() ?>
<div class="field"><label for="<?cs if:_mine ?>f-value<?cs else ?>v-<?cs var:f.Code ?><?cs /if ?>"><?cs var:Lang.Civil.ChosenValue ?><?cs if:f.Name ?> (<?cs var:Lang.Civil.AsWritten ?>)<?cs /if ?><?cs if:f.Type == "date" ?> <span class="hint">(<?cs var:Lang.Civil.DateHint ?>)</span><?cs /if ?><?cs if:f.Type == "sex" ?> <span class="hint">(F, M, X)</span><?cs /if ?></label><?cs call:err("value", _mine) ?>
<input type="text" id="<?cs if:_mine ?>f-value<?cs else ?>v-<?cs var:f.Code ?><?cs /if ?>" name="value" aria-required="true" value="<?cs if:_mine ?><?cs var:Form.value.Value ?><?cs else ?><?cs var:f.Chosen.Value ?><?cs /if ?>"></div><?cs
    if:f.Name ?>
<div class="field"><label for="<?cs if:_mine ?>f-latin<?cs else ?>l-<?cs var:f.Code ?><?cs /if ?>"><?cs var:Lang.Civil.LatinValue ?></label><?cs call:err("latin", _mine) ?>
<input type="text" dir="ltr" id="<?cs if:_mine ?>f-latin<?cs else ?>l-<?cs var:f.Code ?><?cs /if ?>" name="latin" aria-required="true" value="<?cs if:_mine ?><?cs var:Form.latin.Value ?><?cs else ?><?cs var:f.Chosen.Latin ?><?cs /if ?>"></div><?cs
    /if ?>
<div class="field"><label for="<?cs if:_mine ?>f-source<?cs else ?>s-<?cs var:f.Code ?><?cs /if ?>"><?cs var:Lang.Civil.Source ?></label><?cs call:err("source", _mine) ?><?cs
    if:_mine ?><?cs call:source_select("f-source", Form.source.Value) ?><?cs else ?><?cs call:source_select("s-" + f.Code, f.Chosen.Source) ?><?cs /if ?></div>
<div class="field"><label for="<?cs if:_mine ?>f-page<?cs else ?>p-<?cs var:f.Code ?><?cs /if ?>"><?cs var:Lang.Civil.PageLabel ?></label><?cs call:err("page", _mine) ?>
<input type="number" min="1" id="<?cs if:_mine ?>f-page<?cs else ?>p-<?cs var:f.Code ?><?cs /if ?>" name="page" value="<?cs if:_mine ?><?cs var:Form.page.Value ?><?cs else ?><?cs var:f.Chosen.Page ?><?cs /if ?>"></div>
<div class="field"><label for="<?cs if:_mine ?>f-rect<?cs else ?>r-<?cs var:f.Code ?><?cs /if ?>"><?cs var:Lang.Civil.Rect ?></label><?cs call:err("rect", _mine) ?>
<input type="text" dir="ltr" id="<?cs if:_mine ?>f-rect<?cs else ?>r-<?cs var:f.Code ?><?cs /if ?>" name="rect" value="<?cs if:_mine ?><?cs var:Form.rect.Value ?><?cs else ?><?cs var:f.Chosen.Rect ?><?cs /if ?>"></div>
<div class="field"><label for="<?cs if:_mine ?>f-reason<?cs else ?>w-<?cs var:f.Code ?><?cs /if ?>"><?cs var:Lang.Civil.Reason ?></label><?cs call:err("reason", _mine) ?>
<input type="text" id="<?cs if:_mine ?>f-reason<?cs else ?>w-<?cs var:f.Code ?><?cs /if ?>" name="reason" value="<?cs if:_mine ?><?cs var:Form.reason.Value ?><?cs /if ?>"></div>
<div class="actions"><button type="submit" class="btn btn-small"><?cs var:Lang.Civil.Choose ?><?cs var:Lang.Form.Colon ?> <?cs var:f.Label ?></button></div>
</form><?cs
  /if ?>
</div><?cs
/each ?><?cs
if:Act.Editable ?><?cs
  set:_fd = Civil.FormField == "found" ?>
<form method="post" action="/civil/<?cs var:Act.Id ?>/found" class="form" id="found"><?cs call:hidden_csrf() ?>
<h3><?cs var:Lang.Civil.AddFound ?></h3>
<p class="hint"><?cs var:Lang.Civil.AddFoundHint ?></p>
<div class="field"><label for="<?cs if:_fd ?>f-field<?cs else ?>fd-field<?cs /if ?>"><?cs var:Lang.Civil.Field ?></label><?cs call:err("field", _fd) ?>
<select id="<?cs if:_fd ?>f-field<?cs else ?>fd-field<?cs /if ?>" name="field" aria-required="true"><?cs
  each:f = Fields ?><option value="<?cs var:f.Code ?>"><?cs var:f.Label ?></option><?cs /each ?>
</select></div>
<div class="field"><label for="<?cs if:_fd ?>f-source<?cs else ?>fd-source<?cs /if ?>"><?cs var:Lang.Civil.Source ?></label><?cs call:err("source", _fd) ?><?cs
  if:_fd ?><?cs call:source_select("f-source", Form.source.Value) ?><?cs else ?><?cs call:source_select("fd-source", "") ?><?cs /if ?></div>
<div class="field"><label for="<?cs if:_fd ?>f-page<?cs else ?>fd-page<?cs /if ?>"><?cs var:Lang.Civil.PageLabel ?></label><?cs call:err("page", _fd) ?>
<input type="number" min="1" id="<?cs if:_fd ?>f-page<?cs else ?>fd-page<?cs /if ?>" name="page" value="<?cs if:_fd ?><?cs var:Form.page.Value ?><?cs /if ?>"></div>
<div class="field"><label for="<?cs if:_fd ?>f-rect<?cs else ?>fd-rect<?cs /if ?>"><?cs var:Lang.Civil.Rect ?></label><?cs call:err("rect", _fd) ?>
<input type="text" dir="ltr" id="<?cs if:_fd ?>f-rect<?cs else ?>fd-rect<?cs /if ?>" name="rect" value="<?cs if:_fd ?><?cs var:Form.rect.Value ?><?cs /if ?>"></div>
<div class="field"><label for="<?cs if:_fd ?>f-value<?cs else ?>fd-value<?cs /if ?>"><?cs var:Lang.Civil.FoundValue ?></label><?cs call:err("value", _fd) ?>
<input type="text" id="<?cs if:_fd ?>f-value<?cs else ?>fd-value<?cs /if ?>" name="value" aria-required="true" value="<?cs if:_fd ?><?cs var:Form.value.Value ?><?cs /if ?>"></div>
<div class="actions"><button type="submit" class="btn btn-secondary"><?cs var:Lang.Civil.AddFound ?></button></div>
</form><?cs
/if ?>
</section>
</div><?cs
if:Act.Status == "verification" && Can.Sign ?>
<section id="review" aria-labelledby="review-h">
<h2 id="review-h"><?cs var:Lang.Civil.Review.Title ?></h2>
<p class="hint"><?cs var:Lang.Civil.Review.Hint ?></p>
<form method="post" action="/civil/<?cs var:Act.Id ?>/review" class="form"><?cs call:hidden_csrf() ?>
<input type="hidden" name="version" value="<?cs var:Act.Version ?>"><?cs
  each:f = Fields ?><?cs
    call:field_text("c_" + f.Code, Lang.Civil.Review.CommentOn + " " + f.Label, "text", 0) ?><?cs
  /each ?>
<fieldset class="field"><legend><?cs var:Lang.Civil.Review.Decision ?></legend><?cs call:err("decision", 1) ?>
<div class="field field-check"><input type="radio" name="decision" value="validate" id="f-decision"><label for="f-decision"><?cs var:Lang.Civil.Review.Validate ?></label></div>
<div class="field field-check"><input type="radio" name="decision" value="return" id="decision-return"><label for="decision-return"><?cs var:Lang.Civil.Review.Return ?></label></div>
</fieldset><?cs
  call:submit(Lang.Civil.Review.Submit) ?>
</form>
</section><?cs
/if ?><?cs
if:Act.Status == "established" ?>
<section id="amend" aria-labelledby="amend-h">
<h2 id="amend-h"><?cs var:Lang.Civil.Amend.Title ?></h2>
<p class="hint"><?cs var:Lang.Civil.Amend.Hint ?></p>
<form method="post" action="/civil/<?cs var:Act.Id ?>/amend" class="form"><?cs call:hidden_csrf() ?>
<input type="hidden" name="version" value="<?cs var:Act.Version ?>"><?cs
  call:field_textarea("reason", Lang.Civil.Amend.Reason, 1) ?><?cs
  call:submit(Lang.Civil.Amend.Submit) ?>
</form>
</section><?cs
/if ?>
<section id="mentions" aria-labelledby="mentions-h">
<h2 id="mentions-h"><?cs var:Lang.Civil.Mentions ?></h2><?cs
if:subcount(Mentions) > 0 ?>
<ul><?cs each:m = Mentions ?><li><?cs var:m.Kind ?>, <span dir="ltr"><?cs var:m.Date ?></span>: <bdi><?cs var:m.Text ?></bdi></li><?cs /each ?></ul><?cs
else ?>
<p class="muted"><?cs var:Lang.Civil.NoMentions ?></p><?cs
/if ?><?cs
if:Act.Status == "established" ?>
<form method="post" action="/civil/<?cs var:Act.Id ?>/mentions" class="form"><?cs call:hidden_csrf() ?><?cs
  call:field_select("kind", Lang.Civil.MentionKind, MentionKinds, 1) ?><?cs
  call:field_text("on_date", Lang.Civil.MentionDate, "date", 1) ?><?cs
  call:field_textarea("text", Lang.Civil.MentionText, 1) ?><?cs
  call:submit(Lang.Civil.AddMention) ?>
</form><?cs
/if ?>
</section>
<section id="versions" aria-labelledby="versions-h">
<h2 id="versions-h"><?cs var:Lang.Civil.Versions ?></h2><?cs
if:subcount(Versions) > 0 ?><?cs
  each:v = Versions ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Civil.Act.VersionLabel ?> <?cs var:v.Number ?>">
<table class="act-version" data-version="<?cs var:v.Number ?>">
<caption><?cs var:Lang.Civil.Act.VersionLabel ?> <?cs var:v.Number ?>, <?cs var:Lang.Civil.Established ?> <span dir="ltr"><?cs var:v.At ?></span> (<?cs var:v.By ?>)<?cs if:v.Reason ?>. <?cs var:Lang.Civil.Amend.Reason ?><?cs var:Lang.Form.Colon ?> <?cs var:v.Reason ?><?cs /if ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.Civil.Field ?></th><th scope="col"><?cs var:Lang.Civil.Value ?></th><th scope="col"><?cs var:Lang.Civil.Source ?></th><th scope="col"><?cs var:Lang.Civil.Reason ?></th></tr></thead>
<tbody><?cs
    each:x = v.Fields ?>
<tr><th scope="row"><?cs var:x.Label ?></th><td><bdi><?cs var:x.Value ?></bdi><?cs if:x.Latin ?> <span class="latin" dir="ltr">(<?cs var:x.Latin ?>)</span><?cs /if ?></td><td><bdi><?cs var:x.Source ?></bdi></td><td><?cs var:x.Reason ?></td></tr><?cs
    /each ?>
</tbody>
</table>
</div><?cs
  /each ?><?cs
else ?>
<p class="muted"><?cs var:Lang.Civil.NoVersions ?></p><?cs
/if ?>
</section>
<section id="reviews" aria-labelledby="reviews-h">
<h2 id="reviews-h"><?cs var:Lang.Civil.Reviews ?></h2><?cs
if:subcount(Reviews) > 0 ?>
<ul><?cs
  each:v = Reviews ?>
<li><?cs var:v.Decision ?> – <?cs var:v.By ?>, <span dir="ltr"><?cs var:v.At ?></span> (<?cs var:Lang.Civil.Act.VersionShort ?> <?cs var:v.ActVersion ?>)<?cs
    set:_rid = v.Id ?><ul><?cs
    each:c = Comments ?><?cs if:c.Review == _rid ?><li><?cs var:c.Field ?><?cs var:Lang.Form.Colon ?> <?cs var:c.Text ?></li><?cs /if ?><?cs /each ?></ul></li><?cs
  /each ?>
</ul><?cs
else ?>
<p class="muted"><?cs var:Lang.Civil.NoReviews ?></p><?cs
/if ?>
</section>
<script src="/static/civil.js" defer></script><?cs
include:"layout/footer.cs" ?>
