<?cs # backlog.cs: the supervisors' backlog of civil-status requests (GET
  /civil/backlog). Reads Status.N.{Label, Count}, Ages.N.{Band, Open},
  Officers.N.{Name, Open}, Time.{Established, P50, P90} and the charts
  Charts.{Status, Age, Officer, Time} (def:chart_hbars of layout/macros.cs). Each chart has
  a table and a CSV link beside it. ?><?cs
include:"layout/header.cs" ?><?cs
def:csv(table, title) ?>
<p><a download href="/civil/backlog/export?table=<?cs var:table ?>"><?cs var:Lang.Civil.Backlog.Csv ?> – <?cs var:title ?></a></p><?cs
/def ?>
<h1><?cs var:Lang.Civil.Backlog.Title ?></h1>
<p class="hint"><?cs var:Lang.Civil.Backlog.Intro ?></p>
<h2><?cs var:Lang.Civil.Backlog.Time ?></h2><?cs
call:chart_hbars("time", Lang.Civil.Backlog.Time, Charts.Time) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Civil.Backlog.Time ?>">
<table id="t-time">
<caption><?cs var:Lang.Civil.Backlog.Time ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.Civil.Backlog.EstablishedCount ?></th><th scope="col"><?cs var:Lang.Civil.Backlog.P50 ?></th><th scope="col"><?cs var:Lang.Civil.Backlog.P90 ?></th></tr></thead>
<tbody><tr><td><?cs var:Time.Established ?></td><?cs
if:Time.Established > 0 ?><td><?cs var:Time.P50 ?></td><td><?cs var:Time.P90 ?></td><?cs
else ?><td colspan="2"><?cs var:Lang.Civil.Backlog.NoneYet ?></td><?cs /if ?></tr></tbody>
</table>
</div><?cs
call:csv("time", Lang.Civil.Backlog.Time) ?>
<h2><?cs var:Lang.Civil.Backlog.ByStatus ?></h2><?cs
call:chart_hbars("status", Lang.Civil.Backlog.ByStatus, Charts.Status) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Civil.Backlog.ByStatus ?>">
<table id="t-status">
<caption><?cs var:Lang.Civil.Backlog.ByStatus ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.Civil.Status ?></th><th scope="col"><?cs var:Lang.Civil.Backlog.Acts ?></th></tr></thead>
<tbody><?cs each:s = Status ?><tr><th scope="row"><?cs var:s.Label ?></th><td><?cs var:s.Count ?></td></tr><?cs /each ?></tbody>
</table>
</div><?cs
call:csv("status", Lang.Civil.Backlog.ByStatus) ?>
<h2><?cs var:Lang.Civil.Backlog.ByAge ?></h2><?cs
call:chart_hbars("age", Lang.Civil.Backlog.ByAge, Charts.Age) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Civil.Backlog.ByAge ?>">
<table id="t-age">
<caption><?cs var:Lang.Civil.Backlog.ByAge ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.Civil.Backlog.Band ?></th><th scope="col"><?cs var:Lang.Civil.Backlog.Open ?></th></tr></thead>
<tbody><?cs each:a = Ages ?><tr><th scope="row" dir="ltr"><?cs var:a.Band ?></th><td><?cs var:a.Open ?></td></tr><?cs /each ?></tbody>
</table>
</div><?cs
call:csv("age", Lang.Civil.Backlog.ByAge) ?>
<h2><?cs var:Lang.Civil.Backlog.ByOfficer ?></h2><?cs
call:chart_hbars("officer", Lang.Civil.Backlog.ByOfficer, Charts.Officer) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Civil.Backlog.ByOfficer ?>">
<table id="t-officer">
<caption><?cs var:Lang.Civil.Backlog.ByOfficer ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.Civil.Officer ?></th><th scope="col"><?cs var:Lang.Civil.Backlog.Open ?></th></tr></thead>
<tbody><?cs
if:subcount(Officers) > 0 ?><?cs
  each:o = Officers ?><tr><th scope="row"><bdi><?cs var:o.Name ?></bdi></th><td><?cs var:o.Open ?></td></tr><?cs /each ?><?cs
else ?><?cs call:table_empty(2) ?><?cs /if ?></tbody>
</table>
</div><?cs
call:csv("officer", Lang.Civil.Backlog.ByOfficer) ?><?cs
include:"layout/footer.cs" ?>
