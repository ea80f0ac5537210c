<?cs # macros.cs: form, message, table, pagination and chart helpers. Included
  once by layout/header.cs, so page templates can call them after the
  header; do not include this file again (duplicate defs fail).
  Form fields read Form.<name>.Value (the input to show again) and
  Form.<name>.Error (a language key such as "Form.Error.Required", or a
  ready message). Pass required as 1 or 0. ?><?cs

def:msg(m) ?><?cs
  if:Lang[m] ?><?cs var:Lang[m] ?><?cs else ?><?cs var:m ?><?cs /if ?><?cs
/def ?><?cs

def:count(n, forms, cat) ?><?cs
  # a count and its form for its CLDR plural category cat (tpl_plural):
  # "3 places left"; only the form when the language says that number
  # in words (Lang.Form.Numeral[cat] is 0: Arabic's one and two) ?><?cs
  if:Lang.Form.Numeral[cat] == "0" ?><?cs var:forms[cat] ?><?cs
  else ?><?cs var:n ?> <?cs var:forms[cat] ?><?cs /if ?><?cs
/def ?><?cs

def:field_label(name, label, required) ?>
<label for="f-<?cs var:name ?>"><?cs var:label ?><?cs
  if:required ?> <span class="req">(<?cs var:Lang.Form.Required ?>)</span><?cs /if ?></label><?cs
  if:Form[name].Error ?>
<p class="field-error" id="e-<?cs var:name ?>"><?cs call:msg(Form[name].Error) ?></p><?cs /if ?><?cs
/def ?><?cs

def:field_attrs(name, required) ?> id="f-<?cs var:name ?>" name="<?cs var:name ?>"<?cs
  if:required ?> aria-required="true"<?cs /if ?><?cs
  if:Form[name].Error ?> aria-invalid="true" aria-describedby="e-<?cs var:name ?>"<?cs /if ?><?cs
/def ?><?cs

def:field_text(name, label, type, required) ?>
<div class="field<?cs if:Form[name].Error ?> has-error<?cs /if ?>"><?cs
  call:field_label(name, label, required) ?>
<input type="<?cs if:type ?><?cs var:type ?><?cs else ?>text<?cs /if ?>"<?cs
  call:field_attrs(name, required) ?> value="<?cs var:Form[name].Value ?>">
</div><?cs
/def ?><?cs

def:field_textarea(name, label, required) ?>
<div class="field<?cs if:Form[name].Error ?> has-error<?cs /if ?>"><?cs
  call:field_label(name, label, required) ?>
<textarea rows="5"<?cs call:field_attrs(name, required) ?>><?cs var:Form[name].Value ?></textarea>
</div><?cs
/def ?><?cs

def:field_select(name, label, options, required) ?><?cs
  # options: a node with numbered children holding Value and Label ?>
<div class="field<?cs if:Form[name].Error ?> has-error<?cs /if ?>"><?cs
  call:field_label(name, label, required) ?>
<select<?cs call:field_attrs(name, required) ?>>
<option value=""><?cs var:Lang.Form.Choose ?></option><?cs
  each:o = options ?>
<option value="<?cs var:o.Value ?>"<?cs
    if:string.length(Form[name].Value) == string.length(o.Value) && Form[name].Value == o.Value ?> selected<?cs /if ?>><?cs var:o.Label ?></option><?cs
  /each ?>
</select>
</div><?cs
/def ?><?cs

def:field_checkbox(name, label) ?>
<div class="field field-check<?cs if:Form[name].Error ?> has-error<?cs /if ?>"><?cs
  if:Form[name].Error ?>
<p class="field-error" id="e-<?cs var:name ?>"><?cs call:msg(Form[name].Error) ?></p><?cs /if ?>
<input type="checkbox" value="1"<?cs call:field_attrs(name, 0) ?><?cs
  if:Form[name].Value == "1" || Form[name].Value == "on" ?> checked<?cs /if ?>>
<label for="f-<?cs var:name ?>"><?cs var:label ?></label>
</div><?cs
/def ?><?cs

def:hidden_csrf() ?>
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><?cs
/def ?><?cs

def:submit(label) ?>
<div class="actions"><button type="submit" class="btn"><?cs var:label ?></button></div><?cs
/def ?><?cs

def:form_summary() ?><?cs
  # a list of the fields in error, linking to each field and naming it
  # (Form.<name>.Label, set by the page before this call, or by the
  # handler); it takes the focus and the view (autofocus) after a
  # failed submit ?><?cs
  set:_has_err = 0 ?><?cs
  each:f = Form ?><?cs if:f.Error ?><?cs set:_has_err = 1 ?><?cs /if ?><?cs /each ?><?cs
  if:_has_err ?>
<div class="form-summary" role="alert" tabindex="-1" autofocus>
<p><?cs var:Lang.Form.Summary ?></p>
<ul><?cs each:f = Form ?><?cs if:f.Error ?>
<li><a href="#f-<?cs var:name(f) ?>"><?cs if:f.Label ?><?cs var:f.Label ?><?cs var:Lang.Form.Colon ?> <?cs /if ?><?cs call:msg(f.Error) ?></a></li><?cs /if ?><?cs /each ?>
</ul>
</div><?cs
  /if ?><?cs
/def ?><?cs

def:conflict_table(message, again) ?><?cs
  # a lost save (409): what is saved now beside what the agent typed,
  # from Conflict.Show and Conflict.Rows.N.{Label,Stored,Mine} (edit.c);
  # values isolated with bdi (names in any script) ?><?cs
  if:Conflict.Show ?>
<div class="form-summary" role="alert" tabindex="-1">
<p><?cs var:message ?></p><?cs
    if:subcount(Conflict.Rows) > 0 ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Conflict.Caption ?>">
<table>
<caption><?cs var:Lang.Conflict.Caption ?></caption>
<thead><tr>
<th scope="col"><?cs var:Lang.Conflict.Field ?></th>
<th scope="col"><?cs var:Lang.Conflict.Stored ?></th>
<th scope="col"><?cs var:Lang.Conflict.Mine ?></th>
</tr></thead>
<tbody><?cs
      each:c = Conflict.Rows ?>
<tr>
<th scope="row"><?cs var:c.Label ?></th>
<td class="conflict-stored"><bdi><?cs var:c.Stored ?></bdi></td>
<td class="conflict-mine"><bdi><?cs var:c.Mine ?></bdi></td>
</tr><?cs
      /each ?>
</tbody>
</table>
</div><?cs
    /if ?><?cs
    if:again ?>
<p><?cs var:again ?></p><?cs
    /if ?>
</div><?cs
  /if ?><?cs
/def ?><?cs

def:table_empty(cols) ?>
<tr><td class="empty" colspan="<?cs var:cols ?>"><?cs var:Lang.Table.Empty ?></td></tr><?cs
/def ?><?cs

def:pager(page, pages) ?><?cs
  # relative ?page=N links; page and pages are clamped in C ?><?cs
  if:pages > 1 ?>
<nav class="pager" aria-label="<?cs var:Lang.Pager.Label ?>"><ul><?cs
    if:page > 1 ?>
<li><a rel="prev" href="?page=<?cs var:page - 1 ?>"><?cs var:Lang.Pager.Previous ?></a></li><?cs /if ?>
<li><span aria-current="page"><?cs var:page ?> / <?cs var:pages ?></span></li><?cs
    if:page < pages ?>
<li><a rel="next" href="?page=<?cs var:page + 1 ?>"><?cs var:Lang.Pager.Next ?></a></li><?cs /if ?>
</ul></nav><?cs
  /if ?><?cs
/def ?><?cs

def:request_id() ?><?cs
  # in a page's footer: the request id (Page.ReqId) a person can quote
  # to support ?><?cs
  if:Page.ReqId ?>
<p class="reqid"><small><?cs var:Lang.Layout.RequestId ?> <code dir="ltr"><?cs var:Page.ReqId ?></code></small></p><?cs
  /if ?><?cs
/def ?><?cs

def:chart_hbars(id, title, c) ?><?cs # A horizontal bar chart as inline
  SVG (no script) with a title and a text alternative, from the geometry
  modules/common/chart.c puts under c; id makes its element ids. ?><?cs
  if:c.Show == "1" ?>
<div class="chart-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Layout.Chart ?> <?cs var:title ?>">
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
<rect x="<?cs var:b.X ?>" y="<?cs var:b.Y ?>" width="<?cs var:b.W ?>" height="16" fill="<?cs var:b.Fill ?>"></rect>
<text x="<?cs var:b.TX ?>" y="<?cs var:b.TY ?>" font-size="12" fill="#111111"><?cs var:b.Value ?></text><?cs
    /each ?>
</svg>
</div><?cs
  /if ?><?cs
/def ?>