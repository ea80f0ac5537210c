<?cs # match.cs: GET /registration/member/{pos}/match: the duplicate
  check of the member (Member.{Position, Name}) against the register:
  each candidate (Cands.N.{Id, Percent, Class, Rows.M.{Label, Mine,
  Theirs, Same}, Reasons.M.{Field, How}, HasPrev, Prev.M.{Reference,
  Procedure, Status, Lodged}}) beside what was typed; the agent links
  one (the same person) or creates a new record. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Registration.Match.Title ?></h1><?cs
set:Form.choice.Label = Lang.Registration.Match.Choice ?><?cs
call:form_summary() ?>
<p class="lead"><?cs var:Lang.Registration.Match.Intro ?> <bdi><?cs var:Member.Name ?></bdi></p>
<form method="post" action="/registration/member/<?cs var:Member.Position ?>/match" class="form"><?cs call:hidden_csrf() ?>
<fieldset>
<legend><?cs var:Lang.Registration.Match.Choice ?></legend><?cs
each:c = Cands ?>
<section class="dup-cand" aria-labelledby="cand-<?cs var:c.Id ?>">
<h2 id="cand-<?cs var:c.Id ?>"><?cs var:Lang.Registration.Match.Candidate ?> <span dir="ltr"><?cs var:c.Id ?></span> <span class="badge badge-<?cs var:c.Class ?>"><?cs var:c.Percent ?>%</span></h2>
<div class="table-wrap">
<table>
<thead><tr><th scope="col"><?cs var:Lang.Registration.Match.Field ?></th><th scope="col"><?cs var:Lang.Registration.Match.Typed ?></th><th scope="col"><?cs var:Lang.Registration.Match.Register ?></th></tr></thead>
<tbody><?cs
  each:row = c.Rows ?>
<tr><th scope="row"><?cs var:row.Label ?></th><td><bdi><?cs var:row.Mine ?></bdi></td><td><bdi><?cs var:row.Theirs ?></bdi></td></tr><?cs
  /each ?>
</tbody>
</table>
</div><?cs
  if:c.HasPrev ?>
<p class="note"><strong><?cs var:Lang.Registration.Match.Previous ?></strong></p>
<ul><?cs
    each:p = c.Prev ?>
<li><span dir="ltr"><?cs var:p.Reference ?></span>: <?cs var:p.Procedure ?>, <?cs var:p.Status ?> (<span dir="ltr"><?cs var:p.Lodged ?></span>)</li><?cs
    /each ?>
</ul><?cs
  /if ?>
<div class="field field-check">
<input type="radio" name="choice" id="f-choice-<?cs var:c.Id ?>" value="<?cs var:c.Id ?>">
<label for="f-choice-<?cs var:c.Id ?>"><?cs var:Lang.Registration.Match.Link ?> <span dir="ltr"><?cs var:c.Id ?></span></label>
</div>
</section><?cs
/each ?>
<div class="field field-check">
<input type="radio" name="choice" id="f-choice" value="create">
<label for="f-choice"><?cs var:Lang.Registration.Match.Create ?></label>
</div>
</fieldset><?cs
call:submit(Lang.Registration.Match.Save) ?>
</form>
<p><a href="/registration"><?cs var:Lang.Registration.BackToDesk ?></a></p><?cs
include:"layout/footer.cs" ?>
