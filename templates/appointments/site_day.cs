<?cs # site_day.cs: the site and day picker of the call-centre page and
  the day list (a GET form to the page itself: Appt.Action). Reads
  Appt.Sites.N.{Id,Name,Selected}, Appt.Day, Appt.Prev, Appt.Next. ?>
<form method="get" action="<?cs var:url_validate(Appt.Action) ?>" class="form form-inline">
<div class="field">
<label for="f-site"><?cs var:Lang.Appt.Field.Site ?></label>
<select id="f-site" name="site"><?cs
each:s = Appt.Sites ?>
<option value="<?cs var:s.Id ?>"<?cs if:s.Selected == "1" ?> selected<?cs /if ?>><?cs var:s.Name ?></option><?cs
/each ?>
</select>
</div>
<div class="field">
<label for="f-day"><?cs var:Lang.Appt.Field.Day ?></label>
<input type="date" id="f-day" name="day" value="<?cs var:Appt.Day ?>">
</div>
<div class="actions"><button type="submit" class="btn"><?cs var:Lang.Appt.Show ?></button></div>
</form><?cs
if:Appt.Site ?>
<p class="day-nav"><a href="<?cs var:url_validate(Appt.Action + "?site=" + url_escape(Appt.Site) + "&day=" + url_escape(Appt.Prev)) ?>"><?cs var:Lang.Appt.PrevDay ?></a>
 · <a href="<?cs var:url_validate(Appt.Action + "?site=" + url_escape(Appt.Site) + "&day=" + url_escape(Appt.Next)) ?>"><?cs var:Lang.Appt.NextDay ?></a>
 · <?cs var:Lang.Appt.TimesIn ?> <span dir="ltr"><?cs var:Appt.Zone ?></span></p><?cs
/if ?>
