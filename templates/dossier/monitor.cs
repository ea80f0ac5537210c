<?cs # monitor.cs: the supervisors' monitoring figures (GET
  /dossier/monitor). Reads Mon.{From, To, Today, Year, Procedure, Query,
  OpenTotal, Decisions}, Procedures.N.{Value, Label},
  Proc.N.{Name, Decisions, P50, P90, WithDeadline, Within, Share, Open,
  XOverdue, Total}, Bands.N.{Label, Open}, Weeks.N.{Start, Decisions}, and the
  charts Charts.{Processing, Backlog, Share}.{Show, H, Desc,
  Legend.N.{Label, Fill, X, TX}, Labels.N.{Text, Y},
  Bars.N.{Y, W, Fill, TX, TY, Value}} and Charts.Weeks.{Show, W, ColW,
  Max, Desc, Cols.N.{X, Y, H, Title}, Ticks.N.{X, Text}}. Charts are
  inline SVG (no script) with a title and a text alternative; a table
  and a CSV link beside each. No personal data reaches this page. ?><?cs
include:"layout/header.cs" ?><?cs
def:csv(table, title) ?>
<p><a download href="/dossier/monitor/export?<?cs var:Mon.Query ?>&amp;table=<?cs var:table ?>"><?cs var:Lang.Dossier.Monitor.Csv ?> – <?cs var:title ?></a></p><?cs
/def ?>
<h1><?cs var:Lang.Dossier.Monitor.Title ?></h1>
<p class="hint"><?cs var:Lang.Dossier.Monitor.Intro ?></p><?cs
set:Form.year.Label = Lang.Dossier.Monitor.Year ?><?cs
set:Form.from.Label = Lang.Dossier.Monitor.From ?><?cs
set:Form.to.Label = Lang.Dossier.Monitor.To ?><?cs
call:form_summary() ?>
<form method="get" action="/dossier/monitor" class="form-inline filters">
<div class="field"><label for="f-procedure"><?cs var:Lang.Dossier.Monitor.Procedure ?></label>
<select id="f-procedure" name="procedure"><option value="0"><?cs var:Lang.Dossier.Monitor.AllProcedures ?></option><?cs
each:p = Procedures ?><option value="<?cs var:p.Value ?>"<?cs if:p.Value == Mon.Procedure ?> selected<?cs /if ?>><?cs var:p.Label ?></option><?cs /each ?>
</select></div><?cs
call:field_text("year", Lang.Dossier.Monitor.Year, "number", 0) ?><?cs
call:field_text("from", Lang.Dossier.Monitor.From, "date", 0) ?><?cs
call:field_text("to", Lang.Dossier.Monitor.To, "date", 0) ?><?cs
call:submit(Lang.Dossier.Monitor.Apply) ?>
</form><?cs
if:Mon.From ?>
<p><?cs var:Lang.Dossier.Monitor.PeriodIs ?><?cs var:Lang.Form.Colon ?> <span dir="ltr"><?cs var:Mon.From ?> – <?cs var:Mon.To ?></span></p>

<section class="figure" aria-labelledby="processing-h" id="processing">
<h2 id="processing-h"><?cs var:Lang.Dossier.Monitor.Processing ?></h2>
<p class="hint"><?cs var:Lang.Dossier.Monitor.ProcessingHint ?></p><?cs
call:chart_hbars("processing", Lang.Dossier.Monitor.Processing, Charts.Processing) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Dossier.Monitor.Processing ?>">
<table>
<caption><?cs var:Lang.Dossier.Monitor.Processing ?></caption>
<thead><tr>
<th scope="col"><?cs var:Lang.Dossier.Monitor.Procedure ?></th>
<th scope="col"><?cs var:Lang.Dossier.Monitor.Decisions ?></th>
<th scope="col"><?cs var:Lang.Dossier.Monitor.P50 ?></th>
<th scope="col"><?cs var:Lang.Dossier.Monitor.P90 ?></th>
<th scope="col"><?cs var:Lang.Dossier.Monitor.Open ?></th>
</tr></thead>
<tbody><?cs
each:p = Proc ?>
<tr<?cs if:p.Total ?> class="total"<?cs /if ?> data-figure="processing">
<th scope="row"><?cs var:p.Name ?></th>
<td data-col="decisions"><?cs var:p.Decisions ?></td>
<td data-col="p50"><?cs var:p.P50 ?></td>
<td data-col="p90"><?cs var:p.P90 ?></td>
<td data-col="open"><?cs var:p.Open ?></td>
</tr><?cs
/each ?>
</tbody>
</table>
</div><?cs
call:csv("processing", Lang.Dossier.Monitor.Processing) ?>
</section>

<section class="figure" aria-labelledby="backlog-h" id="backlog">
<h2 id="backlog-h"><?cs var:Lang.Dossier.Monitor.Backlog ?></h2>
<p class="hint"><?cs var:Lang.Dossier.Monitor.BacklogHint ?></p><?cs
call:chart_hbars("backlog", Lang.Dossier.Monitor.Backlog, Charts.Backlog) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Dossier.Monitor.Backlog ?>">
<table>
<caption><?cs var:Lang.Dossier.Monitor.Backlog ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.Dossier.Monitor.Age ?></th><th scope="col"><?cs var:Lang.Dossier.Monitor.Open ?></th></tr></thead>
<tbody><?cs
each:b = Bands ?>
<tr data-figure="backlog"><th scope="row"><?cs var:b.Label ?></th><td data-col="open"><?cs var:b.Open ?></td></tr><?cs
/each ?>
<tr class="total" data-figure="backlog-total"><th scope="row"><?cs var:Lang.Dossier.Monitor.Total ?></th><td data-col="open"><?cs var:Mon.OpenTotal ?></td></tr>
</tbody>
</table>
</div><?cs
call:csv("backlog", Lang.Dossier.Monitor.Backlog) ?>
</section>

<section class="figure" aria-labelledby="weeks-h" id="weeks">
<h2 id="weeks-h"><?cs var:Lang.Dossier.Monitor.Weeks ?></h2><?cs
if:Charts.Weeks.Show == "1" ?>
<div class="chart-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Layout.Chart ?> <?cs var:Lang.Dossier.Monitor.Weeks ?>">
<svg class="chart" viewBox="0 0 <?cs var:Charts.Weeks.W ?> 220" role="img" aria-labelledby="weeks-t weeks-d" xmlns="http://www.w3.org/2000/svg">
<title id="weeks-t"><?cs var:Lang.Dossier.Monitor.Weeks ?></title>
<desc id="weeks-d"><?cs var:Charts.Weeks.Desc ?></desc>
<line x1="38" y1="180" x2="<?cs var:Charts.Weeks.W ?>" y2="180" stroke="#767676"></line>
<text x="34" y="24" font-size="11" text-anchor="end" fill="#111111"><?cs var:Charts.Weeks.Max ?></text>
<text x="34" y="180" font-size="11" text-anchor="end" fill="#111111">0</text><?cs
  each:c = Charts.Weeks.Cols ?>
<rect x="<?cs var:c.X ?>" y="<?cs var:c.Y ?>" width="<?cs var:Charts.Weeks.ColW ?>" height="<?cs var:c.H ?>" fill="#1d4e89"><title><?cs var:c.Title ?></title></rect><?cs
  /each ?><?cs
  each:t = Charts.Weeks.Ticks ?>
<text x="<?cs var:t.X ?>" y="198" font-size="10" fill="#111111"><?cs var:t.Text ?></text><?cs
  /each ?>
</svg>
</div><?cs
/if ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Dossier.Monitor.Weeks ?>">
<table>
<caption><?cs var:Lang.Dossier.Monitor.Weeks ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.Dossier.Monitor.WeekStart ?></th><th scope="col"><?cs var:Lang.Dossier.Monitor.Decisions ?></th></tr></thead>
<tbody><?cs
each:w = Weeks ?>
<tr data-figure="week"><th scope="row" dir="ltr"><?cs var:w.Start ?></th><td data-col="decisions"><?cs var:w.Decisions ?></td></tr><?cs
/each ?>
<tr class="total" data-figure="weeks-total"><th scope="row"><?cs var:Lang.Dossier.Monitor.Total ?></th><td data-col="decisions"><?cs var:Mon.Decisions ?></td></tr>
</tbody>
</table>
</div><?cs
call:csv("weeks", Lang.Dossier.Monitor.Weeks) ?>
</section>

<section class="figure" aria-labelledby="deadline-h" id="deadline">
<h2 id="deadline-h"><?cs var:Lang.Dossier.Monitor.Deadline ?></h2>
<p class="hint"><?cs var:Lang.Dossier.Monitor.DeadlineHint ?></p><?cs
call:chart_hbars("deadline", Lang.Dossier.Monitor.Deadline, Charts.Share) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Dossier.Monitor.Deadline ?>">
<table>
<caption><?cs var:Lang.Dossier.Monitor.Deadline ?></caption>
<thead><tr>
<th scope="col"><?cs var:Lang.Dossier.Monitor.Procedure ?></th>
<th scope="col"><?cs var:Lang.Dossier.Monitor.WithDeadline ?></th>
<th scope="col"><?cs var:Lang.Dossier.Monitor.Within ?></th>
<th scope="col"><?cs var:Lang.Dossier.Monitor.Share ?></th>
</tr></thead>
<tbody><?cs
each:p = Proc ?>
<tr<?cs if:p.Total ?> class="total"<?cs /if ?> data-figure="deadline">
<th scope="row"><?cs var:p.Name ?></th>
<td data-col="with"><?cs var:p.WithDeadline ?></td>
<td data-col="within"><?cs var:p.Within ?></td>
<td data-col="share"><?cs var:p.Share ?></td>
</tr><?cs
/each ?>
</tbody>
</table>
</div><?cs
call:csv("deadline", Lang.Dossier.Monitor.Deadline) ?>
</section>

<section class="figure" aria-labelledby="exchanges-h" id="exchanges">
<h2 id="exchanges-h"><?cs var:Lang.Dossier.Monitor.Exchanges ?></h2>
<p class="hint"><?cs var:Lang.Dossier.Monitor.ExchangesHint ?></p>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Dossier.Monitor.Exchanges ?>">
<table>
<caption><?cs var:Lang.Dossier.Monitor.Exchanges ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.Dossier.Monitor.Procedure ?></th><th scope="col"><?cs var:Lang.Dossier.Monitor.Exchanges ?></th></tr></thead>
<tbody><?cs
each:p = Proc ?>
<tr<?cs if:p.Total ?> class="total"<?cs /if ?> data-figure="exchanges"><th scope="row"><?cs var:p.Name ?></th><td data-col="overdue"><?cs var:p.XOverdue ?></td></tr><?cs
/each ?>
</tbody>
</table>
</div><?cs
call:csv("exchanges", Lang.Dossier.Monitor.Exchanges) ?>
</section><?cs
/if ?><?cs
include:"layout/footer.cs" ?>
