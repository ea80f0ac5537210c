<?cs # search.cs: the person search (GET /identity, /identity/search).
  Reads Form.* (the query), Search.Sexes.N.{Value,Label}, Search.CanCreate,
  Search.Asked, Search.Count, Search.From, Search.To, Search.PrevPage,
  Search.NextPage, Search.More, and the page's persons in Search.Results.N
  (duplicate classes, numbered from Search.ResultsStart) and Search.Lookups.N
  (weaker look-ups, from Search.LookupsStart), each {Id, FamilyName,
  GivenNames, BirthDate, Sex, Nationality, Source, SourceId, Score, Class,
  ClassLabel, Carried, Reasons.M.{Field, How, Bar (0..10), Percent, Detail}}.
  The pager repeats the query as hidden fields (Form.*.Value). The
  bars are styled spans with a width class (.score-0 ... .score-10): no inline
  style (CSP). ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Identity.Search.Title ?></h1><?cs
if:Search.CanCreate ?>
<p><a class="btn" href="/identity/persons/new"><?cs var:Lang.Identity.New.Link ?></a></p><?cs
/if ?><?cs
set:Form.q.Label = Lang.Identity.Field.FreeText ?><?cs
set:Form.family_name.Label = Lang.Identity.Field.FamilyName ?><?cs
set:Form.given_names.Label = Lang.Identity.Field.GivenNames ?><?cs
set:Form.birth_date.Label = Lang.Identity.Field.BirthDateSearch ?><?cs
set:Form.sex.Label = Lang.Identity.Field.Sex ?><?cs
set:Form.nationality.Label = Lang.Identity.Field.NationalityCode ?><?cs
set:Form.document_number.Label = Lang.Identity.Field.DocumentNumber ?><?cs
set:Form.phone.Label = Lang.Identity.Field.Phone ?><?cs
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
def:candidate(c) ?>
<li class="candidate class-<?cs var:c.Class ?>">
<h3 id="cand-<?cs var:c.Id ?>"><a href="/identity/persons/<?cs var:c.Id ?>"><bdi><?cs var:c.FamilyName ?></bdi><?cs var:Lang.Form.Comma ?> <bdi><?cs var:c.GivenNames ?></bdi></a></h3>
<p class="candidate-summary"><span class="badge badge-<?cs var:c.Class ?>"><?cs var:c.ClassLabel ?></span>
<?cs var:Lang.Identity.Search.Score ?> <strong><?cs var:c.Score ?>%</strong><?cs
  if:c.BirthDate ?> · <?cs var:Lang.Identity.Field.BirthDate ?> <bdi><?cs var:c.BirthDate ?></bdi><?cs /if ?><?cs
  if:c.Sex ?> · <?cs var:c.Sex ?><?cs /if ?><?cs
  if:c.Nationality ?> · <span dir="ltr"><?cs var:c.Nationality ?></span><?cs /if ?><?cs
  if:c.SourceId ?> · <?cs var:Lang.Identity.Field.Source ?> <span dir="ltr"><?cs var:c.Source ?>/<?cs var:c.SourceId ?></span><?cs /if ?></p>
<?cs # a group, not a region: a landmark per candidate would crowd the
     page's landmarks, and two candidates gave two landmarks of one name
     (axe: landmark-unique); named by the caption and the person ?>
<div class="table-wrap" tabindex="0" role="group" aria-labelledby="why-<?cs var:c.Id ?> cand-<?cs var:c.Id ?>">
<table class="reasons">
<caption id="why-<?cs var:c.Id ?>"><?cs var:Lang.Identity.Search.Why ?></caption>
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
<td><bdi><?cs var:m.Detail ?></bdi><?cs if:m.Note ?> (<?cs var:m.Note ?>)<?cs /if ?></td>
</tr><?cs
  /each ?>
</tbody>
</table>
</div>
</li><?cs
/def ?><?cs
def:pager_fields() ?><?cs
  each:f = Form ?><?cs
    if:name(f) != "page" && name(f) != "Errors" && f.Value ?>
<input type="hidden" name="<?cs var:name(f) ?>" value="<?cs var:f.Value ?>"><?cs
    /if ?><?cs
  /each ?><?cs
/def ?><?cs
if:Search.Asked ?>
<section aria-labelledby="results-h">
<h2 id="results-h"><?cs var:Lang.Identity.Search.Results ?> (<?cs var:Search.Count ?>)</h2><?cs
  if:Search.Count == 0 ?>
<p><?cs var:Lang.Identity.Search.None ?></p><?cs
  else ?>
<p class="hint"><?cs var:Lang.Identity.Search.Showing ?> <?cs var:Search.From ?>–<?cs var:Search.To ?> / <?cs var:Search.Count ?></p><?cs
    if:subcount(Search.Results) > 0 ?>
<ol class="candidates" start="<?cs var:Search.ResultsStart ?>"><?cs
      each:c = Search.Results ?><?cs call:candidate(c) ?><?cs /each ?>
</ol><?cs
    /if ?><?cs
    if:subcount(Search.Lookups) > 0 ?>
<h3 id="lookups-h"><?cs var:Lang.Identity.Search.Lookups ?></h3>
<p class="hint"><?cs var:Lang.Identity.Search.LookupsHint ?></p>
<ol class="candidates" start="<?cs var:Search.LookupsStart ?>" aria-labelledby="lookups-h"><?cs
      each:c = Search.Lookups ?><?cs call:candidate(c) ?><?cs /each ?>
</ol><?cs
    /if ?><?cs
    if:Search.More ?>
<p class="flash flash-info"><?cs var:Lang.Identity.Search.More ?></p><?cs
    /if ?><?cs
    if:Search.PrevPage || Search.NextPage ?>
<nav class="pager" aria-label="<?cs var:Lang.Identity.Search.Pages ?>"><?cs
      if:Search.PrevPage ?>
<form method="get" action="/identity" class="inline"><?cs call:pager_fields() ?>
<button type="submit" name="page" value="<?cs var:Search.PrevPage ?>" class="btn btn-secondary"><?cs var:Lang.Identity.Search.Prev ?></button>
</form><?cs
      /if ?><?cs
      if:Search.NextPage ?>
<form method="get" action="/identity" class="inline"><?cs call:pager_fields() ?>
<button type="submit" name="page" value="<?cs var:Search.NextPage ?>" class="btn"><?cs var:Lang.Identity.Search.Next ?></button>
</form><?cs
      /if ?>
</nav><?cs
    /if ?><?cs
  /if ?>
</section><?cs
/if ?><?cs
include:"layout/footer.cs" ?>
