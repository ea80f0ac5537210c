<?cs # dashboard.cs: counter-performance dashboards (GET
  /reception/dashboard). Reads Site.*, Dash.{From, To, Week} and for
  each figure F (counts, overall, stations, counters, agents, levels,
  heat, lead): Dash.F.{Head.N, Rows.N.Cells.M, Count, Cols} and its
  chart Dash.F.Chart.{Show, H, Desc, Legend.N.{Label, Fill, X, TX},
  Labels.N.{Text, Y}, Bars.N.{X, Y, W, Fill, TX, TY, Value}} (the heat
  map: Dash.heat.Heat.{Show, W, H, Rows.N.{Label, Y}, Cols.N.{Label, X},
  Cells.N.{X, Y, CX, CY, Fill, Text, Value}}). Charts are inline SVG
  with a title and a text alternative; each has a table and a CSV link. ?><?cs
include:"layout/header.cs" ?><?cs
def:figure(id, title, f) ?>
<section class="figure" aria-labelledby="<?cs var:id ?>-h">
<h2 id="<?cs var:id ?>-h"><?cs var:title ?></h2><?cs
  if:id == "heat" ?><?cs
    if:f.Heat.Show == "1" ?>
<div class="chart-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Layout.Chart ?> <?cs var:title ?>">
<svg class="chart heat" viewBox="0 0 <?cs var:f.Heat.W ?> <?cs var:f.Heat.H ?>" role="img" aria-labelledby="heat-t heat-d" xmlns="http://www.w3.org/2000/svg">
<title id="heat-t"><?cs var:title ?></title>
<desc id="heat-d"><?cs var:Lang.Reception.Dash.HeatDesc ?></desc><?cs
      each:col = f.Heat.Cols ?>
<text x="<?cs var:col.X ?>" y="30" font-size="11" text-anchor="middle" fill="#111111"><?cs var:col.Label ?></text><?cs
      /each ?><?cs
      each:row = f.Heat.Rows ?>
<text x="165" y="<?cs var:row.Y ?>" font-size="12" text-anchor="end" dominant-baseline="middle" fill="#111111"><?cs var:row.Label ?></text><?cs
      /each ?><?cs
      each:cell = f.Heat.Cells ?>
<rect x="<?cs var:cell.X ?>" y="<?cs var:cell.Y ?>" width="44" height="28" fill="<?cs var:cell.Fill ?>" stroke="#767676"></rect>
<text x="<?cs var:cell.CX ?>" y="<?cs var:cell.CY ?>" font-size="11" text-anchor="middle" dominant-baseline="middle" fill="<?cs var:cell.Text ?>"><?cs var:cell.Value ?></text><?cs
      /each ?>
</svg>
</div><?cs
    /if ?><?cs
  else ?><?cs
    call:chart_hbars(id, title, f.Chart) ?><?cs
  /if ?>
<div class="table-wrap">
<table>
<caption><?cs var:title ?></caption>
<thead><tr><?cs each:h = f.Head ?><th scope="col"><?cs var:h ?></th><?cs /each ?></tr></thead>
<tbody><?cs
  if:f.Count > 0 ?><?cs
    each:row = f.Rows ?>
<tr><?cs each:cell = row.Cells ?><td><?cs var:cell ?></td><?cs /each ?></tr><?cs
    /each ?><?cs
  else ?><?cs
    call:table_empty(f.Cols) ?><?cs
  /if ?>
</tbody>
</table>
</div>
<p><a download href="/reception/dashboard/export?site=<?cs var:url_escape(Site.Id) ?>&amp;period=<?cs var:url_escape(Form.period.Value) ?>&amp;day=<?cs var:url_escape(Form.day.Value) ?>&amp;table=<?cs var:url_escape(id) ?>"><?cs var:Lang.Reception.Dash.Csv ?> – <?cs var:title ?></a></p>
</section><?cs
/def ?>
<h1><?cs var:Lang.Reception.Dash.Title ?><?cs if:Site.Name ?> – <?cs var:Site.Name ?><?cs /if ?></h1><?cs
if:Site.Id ?>
<form method="get" action="/reception/dashboard" class="form form-inline"><?cs
  if:subcount(Sites) > 1 ?><?cs call:field_select("site", Lang.Reception.Site, Sites, 0) ?><?cs
  else ?><input type="hidden" name="site" value="<?cs var:Site.Id ?>"><?cs /if ?>
<div class="field"><label for="f-period"><?cs var:Lang.Reception.Dash.Period ?></label>
<select id="f-period" name="period">
<option value="day"<?cs if:Form.period.Value == "day" ?> selected<?cs /if ?>><?cs var:Lang.Reception.Dash.Day ?></option>
<option value="week"<?cs if:Form.period.Value == "week" ?> selected<?cs /if ?>><?cs var:Lang.Reception.Dash.Week ?></option>
</select></div><?cs
  call:field_text("day", Lang.Reception.Dash.Date, "date", 0) ?><?cs
  call:submit(Lang.Reception.Show) ?>
</form>
<p><?cs var:Lang.Reception.Dash.Range ?> <span dir="ltr"><?cs var:Dash.From ?></span><?cs if:Dash.Week == "1" ?> – <span dir="ltr"><?cs var:Dash.To ?></span><?cs /if ?>. <?cs var:Lang.Reception.Dash.Percentiles ?></p><?cs
  call:figure("counts", Lang.Reception.Dash.Counts, Dash.counts) ?><?cs
  call:figure("overall", Lang.Reception.Dash.Overall, Dash.overall) ?><?cs
  call:figure("stations", Lang.Reception.Dash.Stations, Dash.stations) ?><?cs
  call:figure("counters", Lang.Reception.Dash.Counters, Dash.counters) ?><?cs
  call:figure("agents", Lang.Reception.Dash.Agents, Dash.agents) ?><?cs
  call:figure("levels", Lang.Reception.Dash.Levels, Dash.levels) ?><?cs
  call:figure("heat", Lang.Reception.Dash.Heat, Dash.heat) ?><?cs
  call:figure("lead", Lang.Reception.Dash.Lead, Dash.lead) ?><?cs
else ?>
<p><?cs var:Lang.Reception.NoSite ?></p><?cs
/if ?><?cs
include:"layout/footer.cs" ?>
