<?cs # quota.cs: the quota grid (GET /appointments/quota; POST
  .../slot and .../template when refused). Reads the pickers
  (Appt.Sites, Appt.Levels, Appt.Channels, Appt.Site, Appt.Level,
  Appt.Channel, Appt.Week, Appt.View), Appt.Days.N.{Date,Label},
  Appt.Rows.N.{Time,Anchor,Cells.W.{Tpl,Slot,Booked,Capacity,Day,
  Weekday}}, Appt.Refused; with Appt.View "day": Appt.Day, Appt.DayLabel,
  Appt.PrevDay, Appt.NextDay, Appt.Cols.L.{Id,Label} and
  Appt.Rows.N.Cells.L.{Slot,Booked,Capacity,Id,Label}. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Appt.Quota.Title ?></h1><?cs
if:Appt.Refused ?>
<div class="form-summary" role="alert" tabindex="-1"><p><?cs call:msg(Appt.Refused) ?></p></div><?cs
/if ?>
<?cs def:quota_day_cell(c, time) ?><td><?cs
  if:c.Slot == "1" ?><span class="quota" dir="ltr"><?cs var:c.Booked ?> / <?cs var:c.Capacity ?></span>
<span class="quota-actions"><button name="raise" value="<?cs var:c.Id ?>" class="btn btn-small">+<span class="visually-hidden"> <?cs var:Lang.Appt.Quota.Raise ?> <?cs var:c.Label ?> <?cs var:time ?></span></button>
<button name="lower" value="<?cs var:c.Id ?>" class="btn btn-small">−<span class="visually-hidden"> <?cs var:Lang.Appt.Quota.Lower ?> <?cs var:c.Label ?> <?cs var:time ?></span></button>
<button name="close" value="<?cs var:c.Id ?>" class="btn btn-small"><?cs var:Lang.Appt.Quota.Close ?><span class="visually-hidden"> <?cs var:c.Label ?> <?cs var:time ?></span></button></span><?cs
  else ?><span class="muted"><?cs var:Lang.Appt.Quota.NoSlot ?></span><?cs /if ?></td><?cs
/def ?>
<form method="get" action="/appointments/quota" class="form form-inline">
<div class="field"><label for="f-site"><?cs var:Lang.Appt.Field.Site ?></label>
<select id="f-site" name="site"><?cs each:s = Appt.Sites ?>
<option value="<?cs var:s.Id ?>"<?cs if:s.Selected == "1" ?> selected<?cs /if ?>><?cs var:s.Name ?></option><?cs /each ?>
</select></div><?cs
if:Appt.View == "day" ?>
<input type="hidden" name="view" value="day"><input type="hidden" name="level" value="<?cs var:Appt.Level ?>"><?cs
else ?>
<div class="field"><label for="f-level"><?cs var:Lang.Appt.Field.Level ?></label>
<select id="f-level" name="level"><?cs each:l = Appt.Levels ?>
<option value="<?cs var:l.Id ?>"<?cs if:l.Id == Appt.Level ?> selected<?cs /if ?>><?cs var:l.Label ?></option><?cs /each ?>
</select></div><?cs
/if ?>
<div class="field"><label for="f-channel"><?cs var:Lang.Appt.Field.Channel ?></label>
<select id="f-channel" name="channel"><?cs each:c = Appt.Channels ?>
<option value="<?cs var:c.Value ?>"<?cs if:c.Value == Appt.Channel ?> selected<?cs /if ?>><?cs var:c.Label ?></option><?cs /each ?>
</select></div><?cs
if:Appt.View == "day" ?>
<div class="field"><label for="f-day"><?cs var:Lang.Appt.Quota.Day ?></label>
<input type="date" id="f-day" name="day" value="<?cs var:Appt.Day ?>"></div><?cs
else ?>
<div class="field"><label for="f-week"><?cs var:Lang.Appt.Quota.Week ?></label>
<input type="date" id="f-week" name="week" value="<?cs var:Appt.Week ?>"></div><?cs
/if ?>
<div class="actions"><button type="submit" class="btn"><?cs var:Lang.Appt.Quota.Choose ?></button></div>
</form><?cs
if:Appt.Site ?><?cs
set:_base = "/appointments/quota?site=" + url_escape(Appt.Site) + "&level=" + url_escape(Appt.Level) + "&channel=" + url_escape(Appt.Channel) ?>
<nav class="day-nav" aria-label="<?cs var:Lang.Appt.Quota.Views ?>"><?cs
  if:Appt.View == "day" ?><a href="<?cs var:url_validate(_base + "&week=" + url_escape(Appt.Week)) ?>"><?cs var:Lang.Appt.Quota.ViewWeek ?></a> · <strong aria-current="page"><?cs var:Lang.Appt.Quota.ViewDay ?></strong><?cs
  else ?><strong aria-current="page"><?cs var:Lang.Appt.Quota.ViewWeek ?></strong> · <a href="<?cs var:url_validate(_base + "&view=day&day=" + url_escape(Appt.Days.0.Date)) ?>"><?cs var:Lang.Appt.Quota.ViewDay ?></a><?cs
  /if ?></nav><?cs
if:Appt.View == "day" ?><?cs
set:_q = _base + "&view=day&day=" ?>
<p class="day-nav"><a href="<?cs var:url_validate(_q + url_escape(Appt.PrevDay)) ?>"><?cs var:Lang.Appt.Quota.PrevDay ?></a>
 · <a href="<?cs var:url_validate(_q + url_escape(Appt.NextDay)) ?>"><?cs var:Lang.Appt.Quota.NextDay ?></a>
 · <?cs var:Lang.Appt.TimesIn ?> <span dir="ltr"><?cs var:Appt.Zone ?></span></p>
<form method="post" action="/appointments/quota/slot"><?cs call:hidden_csrf() ?>
<input type="hidden" name="site" value="<?cs var:Appt.Site ?>"><input type="hidden" name="level" value="<?cs var:Appt.Level ?>">
<input type="hidden" name="channel" value="<?cs var:Appt.Channel ?>"><input type="hidden" name="day" value="<?cs var:Appt.Day ?>">
<input type="hidden" name="view" value="day">
<div class="table-wrap">
<table class="grid">
<caption><?cs var:Lang.Appt.Quota.DayCaption ?>, <?cs var:Appt.DayLabel ?> <span dir="ltr"><?cs var:Appt.Day ?></span></caption>
<thead><tr><th scope="col"><?cs var:Lang.Appt.Field.Time ?></th><?cs
  each:l = Appt.Cols ?><th scope="col"><?cs var:l.Label ?></th><?cs /each ?></tr></thead>
<tbody><?cs
  if:Appt.RowCount > 0 ?><?cs
    each:row = Appt.Rows ?>
<tr id="<?cs var:row.Anchor ?>"><th scope="row" dir="ltr"><?cs var:row.Time ?></th><?cs
      each:c = row.Cells ?><?cs call:quota_day_cell(c, row.Time) ?><?cs
      /each ?></tr><?cs
    /each ?><?cs
  else ?><?cs call:table_empty(subcount(Appt.Cols) + 1) ?><?cs /if ?>
</tbody>
</table>
</div>
</form><?cs
else ?><?cs
set:_q = _base + "&week=" ?>
<p class="day-nav"><a href="<?cs var:url_validate(_q + url_escape(Appt.PrevWeek)) ?>"><?cs var:Lang.Appt.Quota.PrevWeek ?></a>
 · <a href="<?cs var:url_validate(_q + url_escape(Appt.NextWeek)) ?>"><?cs var:Lang.Appt.Quota.NextWeek ?></a>
 · <?cs var:Lang.Appt.TimesIn ?> <span dir="ltr"><?cs var:Appt.Zone ?></span></p>
<div class="table-wrap">
<table class="grid">
<caption><?cs var:Lang.Appt.Quota.WeekCaption ?> (<?cs var:Appt.Week ?>)</caption>
<thead><tr><th scope="col"><?cs var:Lang.Appt.Field.Time ?></th><?cs
  each:d = Appt.Days ?><th scope="col"><a href="<?cs var:url_validate(_base + "&view=day&day=" + url_escape(d.Date)) ?>"><?cs var:d.Label ?> <span dir="ltr"><?cs var:d.Date ?></span></a></th><?cs /each ?></tr></thead>
<tbody><?cs
  if:Appt.RowCount > 0 ?><?cs
    each:row = Appt.Rows ?>
<tr id="<?cs var:row.Anchor ?>"><th scope="row" dir="ltr"><?cs var:row.Time ?></th><?cs
      each:c = row.Cells ?><td><?cs
        if:c.Slot == "1" ?><span class="quota" dir="ltr"><?cs var:c.Booked ?> / <?cs var:c.Capacity ?></span><?cs
        else ?><span class="muted"><?cs var:Lang.Appt.Quota.NoSlot ?></span><?cs /if ?></td><?cs
      /each ?></tr><?cs
    /each ?><?cs
  else ?><?cs call:table_empty(8) ?><?cs /if ?>
</tbody>
</table>
</div>
<h2><?cs var:Lang.Appt.Quota.Template ?></h2>
<div class="table-wrap">
<table class="grid">
<caption><?cs var:Lang.Appt.Quota.TemplateCaption ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.Appt.Field.Time ?></th><?cs
  each:d = Appt.Days ?><th scope="col"><?cs var:d.Label ?></th><?cs /each ?></tr></thead>
<tbody><?cs
  if:Appt.RowCount > 0 ?><?cs
    each:row = Appt.Rows ?>
<tr><th scope="row" dir="ltr"><?cs var:row.Time ?></th><?cs
      each:c = row.Cells ?><td><?cs var:c.Tpl ?></td><?cs /each ?></tr><?cs
    /each ?><?cs
  else ?><?cs call:table_empty(8) ?><?cs /if ?>
</tbody>
</table>
</div>
<h3><?cs var:Lang.Appt.Quota.SetTemplate ?></h3>
<form method="post" action="/appointments/quota/template" class="form"><?cs call:hidden_csrf() ?>
<input type="hidden" name="site" value="<?cs var:Appt.Site ?>"><input type="hidden" name="level" value="<?cs var:Appt.Level ?>">
<input type="hidden" name="channel" value="<?cs var:Appt.Channel ?>"><input type="hidden" name="week" value="<?cs var:Appt.Week ?>">
<div class="field"><label for="f-weekday"><?cs var:Lang.Appt.Quota.Weekday ?></label>
<select id="f-weekday" name="weekday"><?cs each:d = Appt.Days ?>
<option value="<?cs var:name(d) + 1 ?>"<?cs if:Form.weekday.Value == name(d) + 1 ?> selected<?cs /if ?>><?cs var:d.Label ?></option><?cs /each ?>
</select></div><?cs
call:field_text("time", Lang.Appt.Quota.StartTime, "time", 1) ?><?cs
call:field_text("capacity", Lang.Appt.Quota.Capacity, "number", 1) ?><?cs
call:submit(Lang.Appt.Quota.Submit) ?>
</form><?cs
/if ?><?cs
/if ?><?cs
include:"layout/footer.cs" ?>
