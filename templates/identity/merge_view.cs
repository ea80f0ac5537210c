<?cs # merge_view.cs: a merge and its undo (GET /identity/merges/{merge},
  POST .../undo). Reads MergeView.{Id, Survivor, Merged, SurvivorName,
  SurvivorGiven, MergedName, MergedGiven, Status, StatusLabel, When,
  Undone, Error, Moves.N.{Table, Column, Row}} and Form.version. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Identity.Merge.ViewTitle ?> #<?cs var:MergeView.Id ?></h1><?cs
if:MergeView.Error ?>
<div class="form-summary" role="alert"><p><?cs call:msg(MergeView.Error) ?></p></div><?cs
/if ?>
<dl class="record">
<dt><?cs var:Lang.Identity.Merge.SurvivorRecord ?></dt><dd><a href="/identity/persons/<?cs var:MergeView.Survivor ?>">#<?cs var:MergeView.Survivor ?> <bdi><?cs var:MergeView.SurvivorName ?></bdi><?cs var:Lang.Form.Comma ?> <bdi><?cs var:MergeView.SurvivorGiven ?></bdi></a></dd>
<dt><?cs var:Lang.Identity.Merge.MergedRecord ?></dt><dd>#<?cs var:MergeView.Merged ?> <bdi><?cs var:MergeView.MergedName ?></bdi><?cs var:Lang.Form.Comma ?> <bdi><?cs var:MergeView.MergedGiven ?></bdi></dd>
<dt><?cs var:Lang.Identity.Queue.Status ?></dt><dd><?cs var:MergeView.StatusLabel ?></dd>
<dt><?cs var:Lang.Identity.Merge.When ?></dt><dd dir="ltr"><?cs var:MergeView.When ?></dd><?cs
if:MergeView.Undone ?>
<dt><?cs var:Lang.Identity.Merge.UndoneAt ?></dt><dd dir="ltr"><?cs var:MergeView.Undone ?></dd><?cs
/if ?>
</dl>
<h2><?cs var:Lang.Identity.Merge.Moved ?> (<?cs var:subcount(MergeView.Moves) ?>)</h2><?cs
if:subcount(MergeView.Moves) > 0 ?>
<ul class="moves"><?cs
  each:m = MergeView.Moves ?>
<li dir="ltr"><?cs var:m.Table ?>.<?cs var:m.Column ?> #<?cs var:m.Row ?></li><?cs
  /each ?>
</ul><?cs
/if ?><?cs
if:MergeView.Status == "done" ?>
<form method="post" action="/identity/merges/<?cs var:MergeView.Id ?>/undo" class="form"><?cs
  call:hidden_csrf() ?>
<input type="hidden" name="version" value="<?cs var:Form.version.Value ?>">
<p><?cs var:Lang.Identity.Merge.UndoHint ?></p><?cs
  call:submit(Lang.Identity.Merge.Undo) ?>
</form><?cs
/if ?><?cs
include:"layout/footer.cs" ?>
