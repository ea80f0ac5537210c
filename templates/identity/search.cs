<?cs # search.cs: the person search (GET /identity, /identity/search).
  Reads Form.* (the query), Search.Sexes.N.{Value,Label}, Search.CanCreate,
  Search.Asked, Search.Count and Search.Results.N.{Id, FamilyName,
  GivenNames, BirthDate, Sex, Nationality, Source, SourceId, Score, Class,
  ClassLabel, Reasons.M.{Field, How, Bar (0..10), Percent, Detail}}. The
  bars are styled spans with a width class (.score-0 ... .score-10): no inline
  style (CSP). ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Identity.Search.Title ?></h1><?cs
if:Search.CanCreate ?>
<p><a class="btn" href="/identity/persons/new"><?cs var:Lang.Identity.New.Link ?></a></p><?cs
/if ?><?cs
call:form_summary() ?>
<form method="get" action="/identity" class="form search-form" role="search">
<p class="hint"><?cs var:Lang.Identity.Search.Hint ?></p><?cs
call:field_text("q", Lang.Identity.Field.FreeText, "search", 0) ?>
<fieldset>
<legend><?cs var:Lang.Identity.Search.Detailed ?></legend><?cs
call:field_text("family_name", Lang.Identity.Field.FamilyName, "text", 0) ?><?cs
call:field_text("given_names", Lang.Identity.Field.GivenNames, "text", 0) ?><?cs
call:field_text("birth_date", Lang.Identity.Field.BirthDateSearch, "text", 0) ?><?cs
call:field_select("sex", Lang.Identity.Field.Sex, Search.Sexes, 0) ?><?cs
call:field_text("nationality", Lang.Identity.Field.NationalityCode, "text", 0) ?><?cs
call:field_text("document_number", Lang.Identity.Field.DocumentNumber, "text", 0) ?><?cs
call:field_text("phone", Lang.Identity.Field.Phone, "tel", 0) ?>
</fieldset><?cs
call:submit(Lang.Identity.Search.Submit) ?>
</form><?cs
if:Search.Asked ?>
<section aria-labelledby="results-h">
<h2 id="results-h"><?cs var:Lang.Identity.Search.Results ?> (<?cs var:Search.Count ?>)</h2><?cs
  if:Search.Count == 0 ?>
<p><?cs var:Lang.Identity.Search.None ?></p><?cs
  else ?>
<ol class="candidates"><?cs
    each:c = Search.Results ?>
<li class="candidate class-<?cs var:c.Class ?>">
<h3><a href="/identity/persons/<?cs var:c.Id ?>"><bdi><?cs var:c.FamilyName ?></bdi>, <bdi><?cs var:c.GivenNames ?></bdi></a></h3>
<p class="candidate-summary"><span class="badge badge-<?cs var:c.Class ?>"><?cs var:c.ClassLabel ?></span>
<?cs var:Lang.Identity.Search.Score ?> <strong><?cs var:c.Score ?>%</strong><?cs
      if:c.BirthDate ?> · <?cs var:Lang.Identity.Field.BirthDate ?> <span dir="ltr"><?cs var:c.BirthDate ?></span><?cs /if ?><?cs
      if:c.Sex ?> · <?cs var:c.Sex ?><?cs /if ?><?cs
      if:c.Nationality ?> · <span dir="ltr"><?cs var:c.Nationality ?></span><?cs /if ?><?cs
      if:c.SourceId ?> · <?cs var:Lang.Identity.Field.Source ?> <span dir="ltr"><?cs var:c.Source ?>/<?cs var:c.SourceId ?></span><?cs /if ?></p>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Identity.Search.Why ?>">
<table class="reasons">
<caption><?cs var:Lang.Identity.Search.Why ?></caption>
<thead><tr>
<th scope="col"><?cs var:Lang.Identity.Search.ReasonField ?></th>
<th scope="col"><?cs var:Lang.Identity.Search.ReasonHow ?></th>
<th scope="col"><?cs var:Lang.Identity.Search.ReasonStrength ?></th>
<th scope="col"><?cs var:Lang.Identity.Search.ReasonDetail ?></th>
</tr></thead>
<tbody><?cs
      each:m = c.Reasons ?>
<tr>
<th scope="row"><?cs var:m.Field ?></th>
<td><?cs var:m.How ?></td>
<td><span class="score-bar" role="img" aria-label="<?cs var:m.Percent ?>%"><span class="score-fill score-<?cs var:m.Bar ?>"></span></span> <span class="score-num"><?cs var:m.Percent ?>%</span></td>
<td><bdi><?cs var:m.Detail ?></bdi></td>
</tr><?cs
      /each ?>
</tbody>
</table>
</div>
</li><?cs
    /each ?>
</ol><?cs
  /if ?>
</section><?cs
/if ?><?cs
include:"layout/footer.cs" ?>
