<?cs # export.cs: GET /identity/persons/{id}/export: the subject-access
  export as a printable page. Export.Langs.L.{Lang, Dir, T.*}: the
  explanation in the person's language, then the agency's;
  Export.Withheld.N.{T.L.{Lang, Dir, Text}, Count, Source};
  Export.Truncated.N; Export.Sections.N.{Name, Count, T.L.{Lang, Dir,
  Text}, Cols.K.T.L.{Lang, Dir, Text}, Rows.M.Cells.K}; Export.PersonId,
  Export.By. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.SubjectAccess.Title ?> <span dir="ltr">#<?cs var:Export.PersonId ?></span></h1>
<p class="hint"><a href="/identity/persons/<?cs var:Export.PersonId ?>/export.json"><?cs var:Lang.Identity.Export.Json ?></a> · <a href="/identity/persons/<?cs var:Export.PersonId ?>"><?cs var:Lang.Identity.BackToPerson ?></a></p><?cs
each:l = Export.Langs ?>
<section class="card" lang="<?cs var:l.Lang ?>" dir="<?cs var:l.Dir ?>" aria-labelledby="export-<?cs var:l.Lang ?>">
<h2 id="export-<?cs var:l.Lang ?>"><?cs var:l.T.Title ?></h2>
<p><?cs var:l.T.Intro ?></p>
<p class="hint"><?cs var:l.T.Times ?></p>
<h3><?cs var:l.T.Withheld ?></h3><?cs
  if:subcount(Export.Withheld) == 0 ?>
<p><?cs var:l.T.WithheldNone ?></p><?cs
  else ?>
<ul><?cs
    each:w = Export.Withheld ?>
<li><?cs each:t = w.T ?><?cs if:t.Lang == l.Lang ?><?cs var:t.Text ?><?cs /if ?><?cs /each ?><?cs var:Lang.Form.Colon ?> <span dir="ltr"><?cs var:w.Count ?></span> (<bdi><?cs var:w.Source ?></bdi>)</li><?cs
    /each ?>
</ul><?cs
  /if ?><?cs
  if:subcount(Export.Truncated) > 0 ?>
<p class="flash flash-warning"><?cs var:l.T.Truncated ?> <?cs each:x = Export.Truncated ?><span dir="ltr"><?cs var:x ?></span> <?cs /each ?></p><?cs
  /if ?>
</section><?cs
/each ?><?cs
each:s = Export.Sections ?>
<section id="export-<?cs var:s.Name ?>">
<h2 id="export-<?cs var:s.Name ?>-h"><?cs each:t = s.T ?><bdi lang="<?cs var:t.Lang ?>" dir="<?cs var:t.Dir ?>"><?cs var:t.Text ?></bdi><?cs if:!last(t) ?> / <?cs /if ?><?cs /each ?> <span class="badge" dir="ltr"><?cs var:s.Count ?></span></h2><?cs
  if:s.Count > 0 ?>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="export-<?cs var:s.Name ?>-h">
<table>
<thead><tr><?cs each:c = s.Cols ?><th scope="col"><?cs each:t = c.T ?><bdi lang="<?cs var:t.Lang ?>" dir="<?cs var:t.Dir ?>"><?cs var:t.Text ?></bdi><?cs if:!last(t) ?><br><?cs /if ?><?cs /each ?></th><?cs /each ?></tr></thead>
<tbody><?cs
    each:row = s.Rows ?>
<tr><?cs each:cell = row.Cells ?><td><bdi><?cs var:cell ?></bdi></td><?cs /each ?></tr><?cs
    /each ?>
</tbody>
</table>
</div><?cs
  /if ?>
</section><?cs
/each ?><?cs
include:"layout/footer.cs" ?>
