<?cs # chart.cs: def:hbars(id, title, c), a horizontal bar chart as
  inline SVG (no script) with a title and a text alternative, from the
  page data chart_hbars() (modules/common/chart.c) wrote under c:
  Show, H, Desc, Legend.N.{Label, Fill, X, TX}, Labels.N.{Text, Y},
  Bars.N.{Y, W, Fill, TX, TY, Value}. Include it once per page, after
  layout/header.cs. ?><?cs
def:hbars(id, title, c) ?><?cs
  if:c.Show == "1" ?>
<svg class="chart" viewBox="0 0 640 <?cs var:c.H ?>" role="img" aria-labelledby="<?cs var:id ?>-t <?cs var:id ?>-d" xmlns="http://www.w3.org/2000/svg">
<title id="<?cs var:id ?>-t"><?cs var:title ?></title>
<desc id="<?cs var:id ?>-d"><?cs var:c.Desc ?></desc><?cs
    each:g = c.Legend ?>
<rect x="<?cs var:g.X ?>" y="4" width="14" height="14" fill="<?cs var:g.Fill ?>"></rect>
<text x="<?cs var:g.TX ?>" y="16" font-size="13" fill="#111111"><?cs var:g.Label ?></text><?cs
    /each ?><?cs
    each:l = c.Labels ?>
<text x="205" y="<?cs var:l.Y ?>" font-size="13" text-anchor="end" dominant-baseline="middle" fill="#111111"><?cs var:l.Text ?></text><?cs
    /each ?><?cs
    each:b = c.Bars ?>
<rect x="215" y="<?cs var:b.Y ?>" width="<?cs var:b.W ?>" height="16" fill="<?cs var:b.Fill ?>"></rect>
<text x="<?cs var:b.TX ?>" y="<?cs var:b.TY ?>" font-size="12" fill="#111111"><?cs var:b.Value ?></text><?cs
    /each ?>
</svg><?cs
  /if ?><?cs
/def ?>
