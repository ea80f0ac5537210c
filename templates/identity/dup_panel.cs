<?cs # dup_panel.cs: the duplicate check inside a form (person_form.cs,
  the document form of person.cs). Reads Dup.Show, Dup.Count and
  Dup.Cands.N.{Index, Id, FamilyName, GivenNames, Score, Class,
  ClassLabel, Verdict, Reason, Error, Rows.M.{Label, Mine, Theirs,
  Differs, How, Bar, Percent, Detail}}. Each candidate needs a verdict
  (verdict_N) and, for "not the same person", a reason (reason_N). ?><?cs
if:Dup.Show ?><?cs
  # focus and view go to the panel's opening words when it first
  # appears (a small target: a tall panel focused whole would be
  # scrolled to its middle); after a submit with errors they go to the
  # error summary (form_summary) ?>
<fieldset class="dup-panel" id="duplicates">
<legend><?cs var:Lang.Identity.Dup.Title ?></legend>
<p class="dup-intro" role="alert" id="duplicates-intro" tabindex="-1"<?cs if:!_has_err ?> autofocus<?cs /if ?>><?cs var:Lang.Identity.Dup.Intro ?></p><?cs
  each:c = Dup.Cands ?>
<section class="dup-cand">
<h2 class="dup-h" id="dup-h-<?cs var:c.Index ?>"><a href="/identity/persons/<?cs var:c.Id ?>"><bdi><?cs var:c.FamilyName ?></bdi><?cs var:Lang.Form.Comma ?> <bdi><?cs var:c.GivenNames ?></bdi></a>
<span class="badge badge-<?cs var:c.Class ?>"><?cs var:c.ClassLabel ?></span>
<span class="score-num"><?cs var:Lang.Identity.Search.Score ?> <?cs var:c.Score ?>%</span></h2>
<input type="hidden" name="dup_id_<?cs var:c.Index ?>" value="<?cs var:c.Id ?>">
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Identity.Dup.Caption ?> <?cs var:c.FamilyName ?> #<?cs var:c.Id ?>">
<table class="compare">
<caption><?cs var:Lang.Identity.Dup.Caption ?> <bdi><?cs var:c.FamilyName ?></bdi></caption>
<thead><tr>
<th scope="col"><?cs var:Lang.Identity.Search.ReasonField ?></th>
<th scope="col"><?cs var:Lang.Identity.Dup.Mine ?></th>
<th scope="col"><?cs var:Lang.Identity.Dup.Theirs ?></th>
<th scope="col"><?cs var:Lang.Identity.Search.ReasonHow ?></th>
</tr></thead>
<tbody><?cs
    each:row = c.Rows ?>
<tr<?cs if:row.Differs == "1" ?> class="differs"<?cs /if ?>>
<th scope="row"><?cs var:row.Label ?></th>
<td class="compare-mine"><bdi><?cs var:row.Mine ?></bdi></td>
<td class="compare-theirs"><bdi><?cs var:row.Theirs ?></bdi></td>
<td><?cs if:row.How ?><?cs var:row.How ?>
<span class="score-bar" role="img" aria-label="<?cs var:row.Percent ?>%"><span class="score-fill score-<?cs var:row.Bar ?>"></span></span> <span class="score-num"><?cs var:row.Percent ?>%</span><?cs
      if:row.Detail ?> <span class="hint"><bdi><?cs var:row.Detail ?></bdi><?cs if:row.Note ?> (<?cs var:row.Note ?>)<?cs /if ?></span><?cs /if ?><?cs
    /if ?></td>
</tr><?cs
    /each ?>
</tbody>
</table>
</div>
<fieldset class="verdict<?cs if:c.VerdictError ?> has-error<?cs /if ?>" id="f-verdict_<?cs var:c.Index ?>" tabindex="-1"<?cs
    if:c.VerdictError ?> aria-describedby="e-verdict_<?cs var:c.Index ?>"<?cs /if ?>>
<legend><?cs var:Lang.Identity.Dup.Question ?></legend><?cs
    if:c.VerdictError ?>
<p class="field-error" id="e-verdict_<?cs var:c.Index ?>"><?cs call:msg(c.VerdictError) ?></p><?cs
    /if ?>
<div class="field field-check">
<input type="radio" id="verdict-<?cs var:c.Index ?>-same" name="verdict_<?cs var:c.Index ?>" value="same"<?cs if:c.Verdict == "same" ?> checked<?cs /if ?>>
<label for="verdict-<?cs var:c.Index ?>-same"><?cs var:Lang.Identity.Dup.Same ?></label>
</div>
<div class="field field-check">
<input type="radio" id="verdict-<?cs var:c.Index ?>-distinct" name="verdict_<?cs var:c.Index ?>" value="distinct"<?cs if:c.Verdict == "distinct" ?> checked<?cs /if ?>>
<label for="verdict-<?cs var:c.Index ?>-distinct"><?cs var:Lang.Identity.Dup.Distinct ?></label>
</div>
</fieldset>
<div class="field<?cs if:c.Error ?> has-error<?cs /if ?>">
<label for="f-reason_<?cs var:c.Index ?>"><?cs var:Lang.Identity.Dup.Reason ?></label><?cs
    if:c.Error ?>
<p class="field-error" id="e-reason_<?cs var:c.Index ?>"><?cs call:msg(c.Error) ?></p><?cs
    /if ?>
<textarea rows="2" id="f-reason_<?cs var:c.Index ?>" name="reason_<?cs var:c.Index ?>"<?cs
    if:c.Error ?> aria-invalid="true" aria-describedby="e-reason_<?cs var:c.Index ?>"<?cs /if ?>><?cs var:c.Reason ?></textarea>
</div>
</section><?cs
  /each ?>
</fieldset><?cs
/if ?>
